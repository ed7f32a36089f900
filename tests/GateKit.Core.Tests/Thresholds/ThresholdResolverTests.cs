using GateKit.Config;
using GateKit.Tests.Support;
using GateKit.Thresholds;

namespace GateKit.Tests.Thresholds;

public sealed class ThresholdResolverTests
{
    private static readonly GateKitConfig Config = Configs.Parse(Configs.Quality(
        """
        { "id": "floor", "report": "cases", "aggregate": "rate", "pointer": "/p", "op": ">=", "threshold": 0.9, "severity": "P0" },
        { "id": "ceiling", "report": "cases", "aggregate": "p95", "pointer": "/l", "op": "<=", "threshold": 1000, "severity": "P0" },
        { "id": "band", "report": "cases", "aggregate": "mean", "pointer": "/s", "op": "between", "threshold": [0.5, 0.9], "severity": "P1" }
        """,
        extra: """
        "defaultProfile": "dev",
        "profiles": {
          "dev": { "thresholds": { "quality.band": [0.4, 1.0] } },
          "prod": { "thresholds": { "quality.floor": 0.95, "quality.ceiling": 800 } }
        },
        """));

    [Theory]
    // No selection: the default profile; keys it does not set keep the condition's own value.
    [InlineData(null, new string[0], "quality.band", "[0.4, 1]", "profile:dev")]
    [InlineData(null, new string[0], "quality.floor", "0.9", "default")]
    // A selected profile replaces the default profile.
    [InlineData("prod", new string[0], "quality.floor", "0.95", "profile:prod")]
    [InlineData("prod", new string[0], "quality.band", "[0.5, 0.9]", "default")]
    // --set wins over every profile.
    [InlineData("prod", new[] { "quality.floor=0.99" }, "quality.floor", "0.99", "override")]
    [InlineData(null, new[] { "quality.band=0.6,0.8" }, "quality.band", "[0.6, 0.8]", "override")]
    [InlineData(null, new[] { "quality.band=[0.2, 1]" }, "quality.band", "[0.2, 1]", "override")] // P1 may be loosened
    public void Precedence_is_override_then_profile_then_default(string? profile, string[] sets, string key, string value, string source)
    {
        var resolved = ThresholdResolver.Resolve(Config, profile, sets)[key];
        Assert.Equal((value, source), (resolved.Value.ToString(), resolved.Source));
    }

    [Theory]
    [InlineData("quality.floor=0.8", "may not be loosened")]
    [InlineData("quality.ceiling=1001", "may not be loosened")]
    [InlineData("quality.nope=1", "no threshold 'quality.nope'")]
    [InlineData("quality.floor", "KEY=VALUE")]
    [InlineData("quality.floor=abc", "not a finite number")]
    [InlineData("quality.floor=NaN", "not a finite number")]
    [InlineData("quality.band=0.9,0.1", "range")]
    public void Bad_overrides_are_usage_errors(string set, string message)
    {
        var e = Assert.Throws<RequestException>(() => ThresholdResolver.Resolve(Config, null, [set]));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Tightening_a_P0_threshold_is_allowed()
    {
        Assert.Equal(0.97, ThresholdResolver.Resolve(Config, null, ["quality.floor=0.97"])["quality.floor"].Value.Value);
    }

    [Fact]
    public void An_unknown_profile_is_a_usage_error_naming_the_known_ones()
    {
        var e = Assert.Throws<UsageException>(() => ThresholdResolver.Resolve(Config, "staging", []));
        Assert.Contains("dev, prod", e.Message);
    }

    [Theory]
    [InlineData("quality.floor", "0.85")]
    [InlineData("quality.ceiling", "1200")]
    public void A_profile_that_loosens_a_P0_threshold_is_rejected_when_the_config_loads(string key, string value)
    {
        var json = Configs.Quality(
            """{ "id": "floor", "report": "cases", "aggregate": "rate", "pointer": "/p", "op": ">=", "threshold": 0.9, "severity": "P0" }, { "id": "ceiling", "report": "cases", "aggregate": "p95", "pointer": "/l", "op": "<=", "threshold": 1000, "severity": "P0" }""",
            extra: $$""" "profiles": { "lax": { "thresholds": { "{{key}}": {{value}} } } }, """);
        var e = Assert.Throws<ConfigException>(() => Configs.Parse(json));
        var error = Assert.Single(e.Errors);
        Assert.Equal($"$.profiles.lax.thresholds['{key}']", error.JsonPath);
        Assert.Contains("never loosen", error.Problem);
        Assert.NotNull(error.Line);
    }
}

using Sample;
using Xunit;

namespace Sample.Tests;

public class PricesTests
{
    [Fact]
    public void Ten_percent_off() => Assert.Equal(90m, Prices.Discounted(100m, 10m));

    [Fact(Skip = "rounding rule for half cents is not decided yet")]
    public void Half_cents_round_to_even() => Assert.Equal(0.02m, Prices.Discounted(0.025m, 0m));
}

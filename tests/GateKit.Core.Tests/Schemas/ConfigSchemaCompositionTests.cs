using GateKit.Config;
using GateKit.Gates;
using GateKit.Tests.Support;

namespace GateKit.Tests.Schemas;

/// <summary>
/// schemas/gatekit.schema.json is generated: the root part plus each built-in gate's fragment. This test fails on any
/// difference; run it with GATEKIT_WRITE_SCHEMA=1 to write the composed schema to the file instead.
/// </summary>
public sealed class ConfigSchemaCompositionTests
{
    [Fact]
    public void The_published_config_schema_is_the_composition_of_the_gates_fragments()
    {
        var composed = ConfigSchema.Compose(GateCatalog.Descriptors);
        var path = SchemaAssert.SchemaPath(SchemaAssert.ConfigSchema);
        if (Environment.GetEnvironmentVariable("GATEKIT_WRITE_SCHEMA") == "1") File.WriteAllText(path, composed);
        Assert.Equal(composed, File.ReadAllText(path).ReplaceLineEndings("\n"));
    }
}

namespace GateKit.Gates.Quality.Standard;

/// <summary>Names the format a report actually is, from its root, so a report declared with the wrong format is named as what it is.</summary>
public static class ReportKind
{
    /// <summary>What an XML document with this root element is.</summary>
    public static string OfXmlRoot(string root) => root switch
    {
        "TestRun" => "a TRX report",
        "testsuites" or "testsuite" => "a JUnit report",
        "coverage" => "a Cobertura report",
        _ => $"an XML document with the root element <{ReportText.Clip(root)}>",
    };

    /// <summary>The wrong-format problem for an XML shard whose root is <paramref name="root"/> where <paramref name="expected"/> was declared.</summary>
    public static ReportContentException WrongXml(string root, string expected, int line) =>
        new(QualityCodes.ReportWrongFormat, $"declared as {expected} but is {OfXmlRoot(root)}", line);
}

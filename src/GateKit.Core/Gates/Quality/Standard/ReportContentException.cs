namespace GateKit.Gates.Quality.Standard;

/// <summary>
/// A shard a reader cannot use: of another format (<see cref="QualityCodes.ReportWrongFormat"/>) or well-formed
/// but not what its format promises (<see cref="QualityCodes.ReportMalformed"/>); 1-based line when known.
/// </summary>
public sealed class ReportContentException(string code, string problem, int? line = null) : Exception(problem)
{
    public string Code { get; } = code;
    public int? Line { get; } = line;
}

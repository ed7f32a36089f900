namespace GateKit.MSBuild;

/// <summary>
/// Codes of the errors the MSBuild host logs itself, numbered after the spec's exit codes (a
/// finding is logged with its own code, e.g. condition_violated).
/// </summary>
internal static class MSBuildCodes
{
    public const string NoGo = "GATEKIT001";
    public const string Usage = "GATEKIT002";
    public const string InvalidInput = "GATEKIT003";
    public const string Runtime = "GATEKIT004";
    public const string Interrupted = "GATEKIT005";

    public static string ForExitCode(int exitCode) => exitCode switch
    {
        ExitCodes.NoGo => NoGo,
        ExitCodes.Runtime => Runtime,
        ExitCodes.Interrupted => Interrupted,
        _ => $"GATEKIT00{exitCode}",
    };
}

using GateKit.Config;

namespace GateKit.MSBuild;

/// <summary>How the MSBuild task words a Core message about a request value: by the property that carries it.</summary>
internal static class MSBuildProperties
{
    /// <summary>
    /// The property for the inputs the targets pass (GateKit.MSBuild.targets); the task passes no other, so any
    /// other input keeps Core's own wording.
    /// </summary>
    public static string Of(RequestInput input) => input switch
    {
        RequestInput.ThresholdOverrides => "GateKitSets",
        RequestInput.Tag => "GateKitTag",
        RequestInput.Report => "GateKitReports",
        _ => RequestText.Describe(input),
    };
}

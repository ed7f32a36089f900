using GateKit.Results;

namespace GateKit.Output.Reports;

/// <summary>
/// Turns a run's result into the bytes of one report format for another tool (code scanning, test
/// reports, code quality). A writer is a pure function of the result: the same result gives the same bytes.
/// </summary>
public interface IReportWriter
{
    /// <summary>The name used in <c>--report NAME=PATH</c>, lower case.</summary>
    string Name { get; }

    /// <summary>The whole file, UTF-8 without a byte-order mark.</summary>
    byte[] Write(RunResult result);
}

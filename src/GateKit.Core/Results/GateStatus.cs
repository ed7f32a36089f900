using System.Text.Json.Serialization;

namespace GateKit.Results;

/// <summary>The outcome of one gate, worst last so that statuses can be compared.</summary>
public enum GateStatus
{
    [JsonStringEnumMemberName("pass")] Pass,
    [JsonStringEnumMemberName("skipped")] Skipped,
    [JsonStringEnumMemberName("warn")] Warn,
    [JsonStringEnumMemberName("partial")] Partial,
    [JsonStringEnumMemberName("fail")] Fail,
    [JsonStringEnumMemberName("error")] Error,
}

/// <summary>The overall decision of a run (spec: "One config, one result").</summary>
public enum Decision
{
    [JsonStringEnumMemberName("go")] Go,
    [JsonStringEnumMemberName("go-with-conditions")] GoWithConditions,
    [JsonStringEnumMemberName("no-go")] NoGo,
}

/// <summary>Incident priority of a finding: P0 fails a gate, P1 warns or makes it partial, P2 is a note.</summary>
public enum Priority
{
    [JsonStringEnumMemberName("P0")] P0,
    [JsonStringEnumMemberName("P1")] P1,
    [JsonStringEnumMemberName("P2")] P2,
}

/// <summary>How loudly a finding is shown; maps onto GitHub annotation and MSBuild message levels.</summary>
public enum Severity
{
    [JsonStringEnumMemberName("error")] Error,
    [JsonStringEnumMemberName("warning")] Warning,
    [JsonStringEnumMemberName("note")] Note,
}

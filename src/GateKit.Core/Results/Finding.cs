namespace GateKit.Results;

/// <summary>Where a finding points: a file relative to the run root, with 1-based line and column when known.</summary>
public sealed record Location(string File, int? Line = null, int? Column = null, string? JsonPath = null);

/// <summary>The waiver that covers a finding; the finding stays in the result, marked.</summary>
public sealed record WaiverMark(string Id, string Owner, string Reason, string? ApprovalRef, string Expires);

/// <summary>
/// One thing a gate found. <see cref="Priority"/> drives the gate status (see StatusPolicy);
/// <see cref="Subject"/> names the condition, metric or artifact it is about, for waivers to match.
/// </summary>
public sealed record Finding(
    string Code,
    Priority Priority,
    string Message,
    Location? Location = null,
    string? Subject = null,
    WaiverMark? Waiver = null)
{
    public Severity Severity => Priority switch
    {
        Priority.P0 => Severity.Error,
        Priority.P1 => Severity.Warning,
        _ => Severity.Note,
    };

    public bool IsWaived => Waiver is not null;
}

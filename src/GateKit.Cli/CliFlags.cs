using GateKit.Config;

namespace GateKit.Cli;

/// <summary>How the CLI words a Core message about a request value: by the flag that carries it.</summary>
internal static class CliFlags
{
    public static string Of(RequestInput input) => input switch
    {
        RequestInput.ThresholdOverrides => "--set",
        RequestInput.Tag => "--tag",
        RequestInput.Changed => "--changed",
        RequestInput.Report => "--report",
        RequestInput.By => "--by",
        RequestInput.ApprovalRef => "--approval-ref",
        RequestInput.Rationale => "--rationale",
        RequestInput.ReviewBy => "--review-by",
        RequestInput.ExpandStep => "--expand-step",
        RequestInput.IdempotencyKey => "--idempotency-key",
        RequestInput.Approver => "--approver",
        RequestInput.RollbackOwner => "--rollback-owner",
        RequestInput.Run => "--run",
        RequestInput.GitRef => "--git-ref",
        RequestInput.RunReason => "--run-reason",
        RequestInput.Operator => "--operator",
        RequestInput.Include => "--include",
        RequestInput.Exclude => "--exclude",
        RequestInput.Supersedes => "--supersedes",
        RequestInput.CiSurface => "--ci",
        _ => throw new ArgumentOutOfRangeException(nameof(input), input, "no CLI flag for this request input"),
    };
}

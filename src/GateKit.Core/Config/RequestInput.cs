namespace GateKit.Config;

/// <summary>
/// A value a host passes to Core for one request, named by what it is, never by how a host spells it: the CLI
/// words <see cref="ThresholdOverrides"/> as <c>--set</c>, the MSBuild task as <c>GateKitSets</c>. Each name is
/// what Core's own message text says (<see cref="RequestText"/>), split into lower-case words.
/// </summary>
public enum RequestInput
{
    ThresholdOverrides,
    Tag,
    Changed,
    Report,
    By,
    ApprovalRef,
    Rationale,
    ReviewBy,
    ExpandStep,
    IdempotencyKey,
    Approver,
    RollbackOwner,
    Run,
    GitRef,
    RunReason,
    Operator,
    Include,
    Exclude,
    Supersedes,
    /// <summary>Which CI's job log the findings are written to (auto, github, azure, gitlab, none).</summary>
    CiSurface,
}

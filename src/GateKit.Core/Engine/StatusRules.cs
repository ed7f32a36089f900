using GateKit.Results;

namespace GateKit;

/// <summary>
/// The P0/P1/P2 → status mapping of the spec, shared by every gate: any P0 → fail; P1 at or above
/// <see cref="PartialAt"/> → partial, fewer → warn; only P2 → pass with notes, unless more than
/// <see cref="P2WarnAt"/> → warn. Waived findings do not count.
/// </summary>
public sealed record StatusRules(int PartialAt = 2, int P2WarnAt = 5)
{
    public static StatusRules Default { get; } = new();

    public GateStatus StatusOf(IEnumerable<Finding> findings)
    {
        int p0 = 0, p1 = 0, p2 = 0;
        foreach (var f in findings.Where(f => !f.IsWaived))
        {
            switch (f.Priority)
            {
                case Priority.P0: p0++; break;
                case Priority.P1: p1++; break;
                default: p2++; break;
            }
        }
        if (p0 > 0) return GateStatus.Fail;
        if (p1 >= PartialAt) return GateStatus.Partial;
        if (p1 > 0) return GateStatus.Warn;
        return p2 > P2WarnAt ? GateStatus.Warn : GateStatus.Pass;
    }
}

using GateKit.Results;

namespace GateKit.Reports;

/// <summary>A risk of shipping this run: likelihood × impact on a 1–3 scale each.</summary>
public sealed record Risk(string Gate, string Code, string Description, int Likelihood, int Impact, string Mitigation)
{
    public int Score => Likelihood * Impact;
}

/// <summary>
/// The risks a run carries, derived from its findings: an unwaived finding has happened (likelihood
/// 3), a waived one was accepted and may still bite (likelihood 2); impact follows the priority
/// (P0 3, P1 2, P2 1). Highest score first.
/// </summary>
public static class RiskRegister
{
    public static IReadOnlyList<Risk> Of(RunResult run) =>
        run.Gates.SelectMany(g => g.Findings.Select(f => new Risk(
                g.Name, f.Code, f.Message,
                f.IsWaived ? 2 : 3,
                f.Priority switch { Priority.P0 => 3, Priority.P1 => 2, _ => 1 },
                f.Waiver is { } w ? $"accepted by {w.Owner} until {w.Expires} ({w.Reason})" : "open: fix before release or waive with an owner")))
            .OrderByDescending(r => r.Score).ThenBy(r => r.Gate, StringComparer.Ordinal)
            .ToList();

    public static string Level(int value) => value switch { 3 => "high", 2 => "medium", _ => "low" };
}

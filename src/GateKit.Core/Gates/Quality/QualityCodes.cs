using GateKit.Results;

namespace GateKit.Gates.Quality;

/// <summary>Finding codes of the quality gate.</summary>
public static class QualityCodes
{
    public const string ReportMissing = "report_missing";
    public const string ReportUnreadable = "report_unreadable";
    public const string ReportMalformed = "report_malformed";
    public const string PathOutsideRoot = "path_outside_root";
    /// <summary>A JSONL report with no cases: nothing was evaluated, so the gate fails (baseline guide, AC-2).</summary>
    public const string CasesTotalZero = "cases_total_zero";
    public const string MetricMissing = "metric_missing";
    public const string MetricNotNumeric = "metric_not_numeric";
    public const string CaseValueInvalid = "case_value_invalid";
    public const string ConditionViolated = "condition_violated";
    public const string BaselineMissing = "baseline_missing";

    /// <summary>What each code means and how to fix it (gatekit explain, docs/codes.md).</summary>
    public static IReadOnlyList<CodeDoc> Docs { get; } =
    [
        new(ReportMissing, "quality", "P0", "A configured report file does not exist.", "Produce the report before running the gate, or correct `reports[].path`."),
        new(ReportUnreadable, "quality", "P0", "A configured report file exists but could not be read, or is larger than the read limit.", "Make the file readable; split oversized reports."),
        new(ReportMalformed, "quality", "P0", "A report is not valid JSON, or a JSONL report has lines that are not JSON objects (the first 20 are named, the rest counted).", "Fix the tool that writes the report; the finding names the file and 1-based line."),
        new(PathOutsideRoot, "quality", "P0", "A report path resolves outside the run root (../ or a symbolic link out); it was not read.", "Keep reports inside the repository, or run from a root that contains them."),
        new(CasesTotalZero, "quality", "P0", "A JSONL report holds no cases: nothing was evaluated, which is never a pass.", "Check that the test or evaluation run actually wrote its cases."),
        new(MetricMissing, "quality", "the condition's severity (P0, P1 or P2)", "A condition's JSON Pointer (or case field) finds no value in the report.", "Correct the condition's `pointer`, or make the report include the metric."),
        new(MetricNotNumeric, "quality", "the condition's severity (P0, P1 or P2)", "A condition's value is present but is not a number (a string, null, an object).", "Make the report write the metric as a JSON number, or point at the numeric member."),
        new(CaseValueInvalid, "quality", "P0", "A case in a JSONL report has a value the aggregation cannot use (not a number or boolean where one is needed).", "Fix the case's value in the report's writer."),
        new(ConditionViolated, "quality", "the condition's severity (P0, P1 or P2)", "A metric misses its threshold (the message gives value, operator, threshold and its source).", "Improve the metric; or change the threshold through a profile or --set where the policy allows (P0 thresholds may only be tightened)."),
        new(BaselineMissing, "quality", "P2", "A delta condition has no previous run to compare with, so only the absolute threshold was checked.", "Nothing to fix on a first run; later runs in the same state folder provide the baseline."),
    ];
}

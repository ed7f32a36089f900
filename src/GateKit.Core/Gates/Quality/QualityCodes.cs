using GateKit.Results;

namespace GateKit.Gates.Quality;

/// <summary>Finding codes of the quality gate.</summary>
public static class QualityCodes
{
    public const string ReportMissing = "report_missing";
    public const string ReportUnreadable = "report_unreadable";
    public const string ReportMalformed = "report_malformed";
    /// <summary>An XML report that declares a DTD: refused, so no entity is ever expanded (billion laughs, external entities).</summary>
    public const string ReportUnsafe = "report_unsafe";
    /// <summary>A report of another format than its entry declares (a JUnit file declared as trx).</summary>
    public const string ReportWrongFormat = "report_wrong_format";
    public const string PathOutsideRoot = "path_outside_root";
    /// <summary>A JSONL report with no cases: nothing was evaluated, so the gate fails (baseline guide, AC-2).</summary>
    public const string CasesTotalZero = "cases_total_zero";
    public const string MetricMissing = "metric_missing";
    public const string MetricNotNumeric = "metric_not_numeric";
    public const string CaseValueInvalid = "case_value_invalid";
    public const string ConditionViolated = "condition_violated";
    public const string BaselineMissing = "baseline_missing";
    /// <summary>A test report whose tests were all skipped, or that lists none: nothing was tested, so the gate fails.</summary>
    public const string TestsNoneExecuted = "tests_none_executed";
    /// <summary>A failed test, reported at its source line when a condition on the test results is violated.</summary>
    public const string TestFailed = "test_failed";
    /// <summary>An analyzer result, reported at its source line when a condition on the SARIF counts is violated.</summary>
    public const string SarifResult = "sarif_result";
    /// <summary>The same benchmark in two shards of one report: the first is used.</summary>
    public const string BenchmarkRepeated = "benchmark_repeated";
    /// <summary>A metric with nothing to measure (no coverable changed line): absent, never a pass by 0/0; its condition is not evaluated.</summary>
    public const string NotApplicable = "not_applicable";
    /// <summary>Changed lines (since the base) that no test covered: one finding per run of lines, at the file and first line.</summary>
    public const string NewLinesUncovered = "new_lines_uncovered";
    /// <summary>Source paths in a coverage report that match no file under the root, or several (ties of the longest suffix).</summary>
    public const string CoveragePathUnmapped = "coverage_path_unmapped";
    /// <summary>Absolute paths in a SARIF report that match no single file under the root, so sarif.new cannot judge their results.</summary>
    public const string SarifPathUnmapped = "sarif_path_unmapped";
    /// <summary>A new-code metric with no base: no changed.base on the condition, no --base, and not a pull request.</summary>
    public const string BaseMissing = "base_missing";

    /// <summary>What each code means and how to fix it (gatekit explain, docs/codes.md).</summary>
    public static IReadOnlyList<CodeDoc> Docs { get; } =
    [
        new(ReportMissing, "quality", "P0", "A configured report file does not exist.", "Produce the report before running the gate, or correct `reports[].path`."),
        new(ReportUnreadable, "quality", "P0", "A configured report file exists but could not be read, or is larger than the read limit.", "Make the file readable; split oversized reports."),
        new(ReportMalformed, "quality", "P0", "A report is not valid JSON, or a JSONL report has lines that are not JSON objects (the first 20 are named, the rest counted).", "Fix the tool that writes the report; the finding names the file and 1-based line."),
        new(ReportUnsafe, "quality", "P0", "An XML report declares a DTD or entities (an XML bomb or an external entity); GateKit never processes DTDs, so the report was not read.", "Produce the report without a DOCTYPE; test and coverage tools never need one."),
        new(ReportWrongFormat, "quality", "P0", "A report is not of the format its entry declares (JUnit XML declared as trx, SARIF 1.0 as sarif, …); the finding names what it looks like.", "Correct `reports[].format`, or point `path` at the report of that format."),
        new(PathOutsideRoot, "quality", "P0", "A report path resolves outside the run root (../ or a symbolic link out); it was not read.", "Keep reports inside the repository, or run from a root that contains them."),
        new(CasesTotalZero, "quality", "P0", "A JSONL report holds no cases: nothing was evaluated, which is never a pass.", "Check that the test or evaluation run actually wrote its cases."),
        new(MetricMissing, "quality", "the condition's severity (P0, P1 or P2)", "A condition's JSON Pointer (or case field) finds no value in the report.", "Correct the condition's `pointer`, or make the report include the metric."),
        new(MetricNotNumeric, "quality", "the condition's severity (P0, P1 or P2)", "A condition's value is present but is not a number (a string, null, an object).", "Make the report write the metric as a JSON number, or point at the numeric member."),
        new(CaseValueInvalid, "quality", "P0", "A case in a JSONL report has a value the aggregation cannot use (not a number or boolean where one is needed).", "Fix the case's value in the report's writer."),
        new(ConditionViolated, "quality", "the condition's severity (P0, P1 or P2)", "A metric misses its threshold (the message gives value, operator, threshold and its source).", "Improve the metric; or change the threshold through a profile or --set where the policy allows (P0 thresholds may only be tightened)."),
        new(BaselineMissing, "quality", "P2", "A delta condition has no previous run to compare with, so only the absolute threshold was checked.", "Nothing to fix on a first run; later runs in the same state folder provide the baseline."),
        new(TestsNoneExecuted, "quality", "P0", "A test report (trx, junit) lists no test, or only skipped ones: nothing was tested, so no pass rate exists.", "Check that the test run ran and wrote its report to the path the glob matches."),
        new(TestFailed, "quality", "the condition's severity (P0, P1 or P2)", "A failed test, listed at its source line (when the report gives one) because a condition on the test results was violated.", "Fix the test or the code it tests; the finding names the test and the first line of its message."),
        new(SarifResult, "quality", "the condition's severity (P0, P1 or P2)", "An analyzer result from a SARIF report, listed at its file and line because a condition on the SARIF counts was violated.", "Fix the code the rule points at, or suppress the result in the analyzer's own configuration."),
        new(BenchmarkRepeated, "quality", "P1", "The same benchmark appears in two shards of one BenchmarkDotNet report entry; the first is used.", "Make each matrix leg run different benchmarks, or give each leg its own report entry."),
        new(NotApplicable, "quality", "P2", "A metric has nothing to compare: a new-code metric with no coverable line changed since the base (never passed by 0/0), or `tests.new_failed` with no earlier recorded run of the gate (same profile) that read the report, or one that listed only part of its failures. The condition is not evaluated.", "Nothing to fix when the change touches no code or on a first run; check `changed.base` or `--base` if code did change, and keep the state folder (`--out`) between runs for `tests.new_failed`."),
        new(NewLinesUncovered, "quality", "P2", "Lines added or changed since the base that no test covered, one finding per run of lines at the file and first line.", "Add tests that execute those lines, then produce the coverage report again."),
        new(CoveragePathUnmapped, "quality", "P2", "Source paths in a coverage report that match no file under the root, or several equally (ties of the longest suffix); they are named once, not dropped silently.", "Run the gate from the repository the report was made for, or make the coverage tool write paths inside it."),
        new(SarifPathUnmapped, "quality", "P2", "Absolute file paths in a SARIF report that match no file under the root, or several equally; their results are counted by level and rule but not in `sarif.new`. Named once, not dropped silently.", "Run the gate from the repository the analyzer ran on, or make the analyzer write paths relative to it."),
        new(BaseMissing, "quality", "the condition's severity (P0, P1 or P2)", "A new-code metric has no base to compare with: no `changed.base` on the condition, no `--base`, and not a pull request.", "Set `changed.base` (e.g. origin/main) on the condition, or run with `--base REF`."),
    ];
}

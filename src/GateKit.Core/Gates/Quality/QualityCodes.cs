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
    /// <summary>A new-code metric with no base: no changed.base on the condition, no --base, and not a pull request.</summary>
    public const string BaseMissing = "base_missing";
}

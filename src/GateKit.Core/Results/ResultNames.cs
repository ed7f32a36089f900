namespace GateKit.Results;

/// <summary>
/// The words for statuses and decisions, in one place: the JSON names (as result.json spells them)
/// and the decision banner people read. Every host and report uses these.
/// </summary>
public static class ResultNames
{
    /// <summary>"pass", "warn", "partial", "fail", "skipped", "error".</summary>
    public static string Name(this GateStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>"go", "go-with-conditions", "no-go".</summary>
    public static string Name(this Decision decision) => decision switch
    {
        Decision.Go => "go",
        Decision.GoWithConditions => "go-with-conditions",
        _ => "no-go",
    };

    /// <summary>"promote", "hold", "skipped".</summary>
    public static string Name(this Gates.Promotion.PromotionDecision decision) => decision.ToString().ToLowerInvariant();

    /// <summary>"GO", "GO WITH CONDITIONS", "NO-GO".</summary>
    public static string Banner(this Decision decision) => decision switch
    {
        Decision.Go => "GO",
        Decision.GoWithConditions => "GO WITH CONDITIONS",
        _ => "NO-GO",
    };
}

namespace GateKit.Gates.Quality.Standard;

/// <summary>What a test result counts as: errors, timeouts and aborts are failures; not executed, inconclusive or ignored are skipped.</summary>
public enum TestOutcome { Passed, Failed, Skipped }

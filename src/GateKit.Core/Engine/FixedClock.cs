namespace GateKit.Engine;

/// <summary>A clock that always reads the same instant: --deterministic runs and tests.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

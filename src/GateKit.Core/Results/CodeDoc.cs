namespace GateKit.Results;

/// <summary>
/// What one finding or reason code means, written beside the code's constant so that the text and the
/// code change together. <see cref="Source"/> is the gate that raises it ("docs", "release", …), or
/// "waivers" / "run" for codes raised around the gates; <see cref="Priority"/> is the default priority
/// in words (a fixed P0/P1/P2, or what decides it); <see cref="Waivable"/> is false for codes no waiver
/// can cover (raised after waivers are applied, or about the run itself).
/// </summary>
public sealed record CodeDoc(string Code, string Source, string Priority, string Meaning, string Fix, bool Waivable = true);

using System.Text.Json;
using GateKit.Gates.Quality;
using GateKit.Results;

namespace GateKit.Thresholds;

/// <summary>
/// A threshold a config defines: its key ("&lt;gate&gt;.&lt;id&gt;"), how values compare, its value in the
/// config (a number, or [min, max] for between) and the priority of breaking it (a P0 threshold may be
/// tightened, never loosened).
/// </summary>
public sealed record ThresholdDefinition(string Key, ComparisonOp Op, JsonElement Threshold, Priority Severity);

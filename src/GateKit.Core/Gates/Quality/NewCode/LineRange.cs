namespace GateKit.Gates.Quality.NewCode;

/// <summary>A run of lines in a file: 1-based, <see cref="First"/>..<see cref="Last"/> inclusive.</summary>
public readonly record struct LineRange(int First, int Last);

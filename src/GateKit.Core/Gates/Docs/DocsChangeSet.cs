namespace GateKit.Gates.Docs;

/// <summary>
/// What a change did to the tree, as paths relative to the checked root: files added or modified
/// (<see cref="Changed"/>, new names for renames) and files it removed, each with its new name when
/// it was renamed, or null when deleted.
/// </summary>
public sealed record DocsChangeSet(IReadOnlySet<string> Changed, IReadOnlyDictionary<string, string?> Removed);

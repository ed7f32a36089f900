namespace GateKit.Output;

/// <summary>
/// A point in a run's write path that a host may observe (<see cref="Engine.RunOptions.OnWritePoint"/>): the
/// kill-recovery tests stop the process exactly there. Core only reports reaching it; it neither waits nor reads
/// the environment.
/// </summary>
public enum WritePoint
{
    /// <summary>The run's files are durable in its staging folder, which is not yet renamed into place.</summary>
    StagedBeforeRename,

    /// <summary>The run folder is in place; the run index does not yet list it.</summary>
    StoredBeforeIndex,
}

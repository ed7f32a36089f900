namespace GateKit.Output;

/// <summary>
/// Writes the files of a private staging folder durably, for a caller that publishes the folder by
/// renaming it (RunStore): the rename is the commit, so the files need no temporary name of their
/// own. All are written first, then synced at once — concurrent fsyncs let the file system write
/// them back together instead of one wait after another — and then the folder's own entries.
/// </summary>
public static class StagedFiles
{
    public static void Write(string folder, IReadOnlyList<RunFile> files)
    {
        var streams = new List<FileStream>(files.Count);
        try
        {
            foreach (var file in files)
            {
                var stream = new FileStream(Path.Combine(folder, file.Name), FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1);
                streams.Add(stream);
                stream.Write(file.Bytes);
            }
            if (streams.Count == 1) streams[0].Flush(flushToDisk: true);
            else Parallel.ForEach(streams, stream => stream.Flush(flushToDisk: true));
        }
        finally
        {
            foreach (var stream in streams) stream.Dispose();
        }
        AtomicFile.FlushDirectory(folder);
    }
}

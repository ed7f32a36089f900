using System.Text;
using GateKit.Output;
using GateKit.Tests.Support;

namespace GateKit.Tests.Output;

/// <summary>
/// Creating a file that must never be replaced, under writers racing for its name. The old way,
/// File.Move(temp, path, overwrite: false), let two of four racing writers "win" within a few rounds:
/// on Unix .NET checks the name with lstat and then renames over it.
/// </summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public delegate bool Create(string path, ReadOnlySpan<byte> bytes);

    /// <summary>TryCreate as shipped (link(2) here), and the way it takes on a file system without hard links.</summary>
    public static TheoryData<string> Ways => ["link", "in place"];

    private static Create Way(string name) => name == "link" ? AtomicFile.TryCreate : AtomicFile.CreateInPlace;

    [Theory]
    [MemberData(nameof(Ways))]
    public void Of_writers_racing_for_one_name_exactly_one_wins_and_the_file_holds_its_bytes_whole(string way)
    {
        var create = Way(way);
        const int writers = 4;
        for (var round = 0; round < 300; round++)
        {
            var path = _folder.Combine($"slot-{round}.json");
            // Lengths differ per writer, from empty to 64 KiB, so a torn or mixed file cannot pass for a winner's.
            var contents = Enumerable.Range(0, writers).Select(w => Content(w, round)).ToArray();
            using var start = new Barrier(writers);
            var won = Enumerable.Range(0, writers).Select(w => Task.Run(() =>
            {
                start.SignalAndWait();
                return create(path, contents[w]);
            })).ToArray();
            var winners = Enumerable.Range(0, writers).Where(w => won[w].Result).ToList();
            Assert.True(winners.Count == 1, $"round {round}: {winners.Count} writers were told they created {path}");
            Assert.Equal(contents[winners[0]], File.ReadAllBytes(path));
        }
        // Nothing but the slots: no temporary file or second name is left behind.
        Assert.All(Directory.GetFiles(_folder.Path), f => Assert.StartsWith("slot-", Path.GetFileName(f)));
        Assert.Equal(300, Directory.GetFiles(_folder.Path).Length);
    }

    private static byte[] Content(int writer, int round) =>
        Encoding.UTF8.GetBytes(new string((char)('a' + writer), (writer * 21_845 + round) % 65_537));

    [Theory]
    [MemberData(nameof(Ways))]
    public void A_taken_name_is_refused_and_its_file_is_left_as_it_was(string way)
    {
        var path = _folder.Write("taken.json", "first");
        Assert.False(Way(way)(path, "second"u8));
        Assert.Equal("first", File.ReadAllText(path));
        Assert.Equal(["taken.json"], Directory.GetFiles(_folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_name_that_is_a_folder_counts_as_taken()
    {
        var path = _folder.Combine("folder.json");
        Directory.CreateDirectory(path);
        Assert.False(AtomicFile.TryCreate(path, "x"u8));
        Assert.True(Directory.Exists(path));
        Assert.Equal([path], Directory.GetFileSystemEntries(_folder.Path));
    }

    [Theory]
    [MemberData(nameof(Ways))]
    public void A_folder_that_cannot_hold_the_file_is_an_IO_error_that_names_it_and_writes_nothing(string way)
    {
        var file = _folder.Write("not-a-folder", "x");
        var error = Assert.ThrowsAny<IOException>(() => Way(way)(Path.Combine(file, "slot.json"), "x"u8));
        Assert.Contains(file, error.Message);
        Assert.Equal([file], Directory.GetFileSystemEntries(_folder.Path));
    }
}

using System.Collections.Concurrent;
using GateKit.Evidence;

namespace GateKit.Tests.Evidence;

/// <summary>The hashing workers: every item once, on bounded workers, and a failure that stops them instead of hanging.</summary>
public sealed class FileHasherTests
{
    [Fact]
    public async Task Items_still_being_added_are_each_taken_once()
    {
        using var items = new BlockingCollection<int>();
        var producer = Task.Run(() =>
        {
            for (var i = 0; i < 2000; i++)
            {
                items.Add(i);
                if (i % 100 == 0) Thread.Sleep(1); // the workers catch up and wait for more
            }
            items.CompleteAdding();
        });
        var seen = new ConcurrentBag<int>();
        var threads = new ConcurrentDictionary<int, bool>();

        FileHasher.ForEach(items, 3, (item, buffer, hash) =>
        {
            Assert.Equal(FileHasher.BufferSize, buffer.Length);
            seen.Add(item);
            threads[Environment.CurrentManagedThreadId] = true;
        }, CancellationToken.None);
        await producer;

        Assert.Equal(Enumerable.Range(0, 2000), seen.Order());
        Assert.InRange(threads.Count, 1, 3);
    }

    [Fact]
    public void A_failing_item_stops_the_workers_even_while_more_may_come()
    {
        using var items = new BlockingCollection<int>();
        for (var i = 0; i < 100; i++) items.Add(i); // adding is never completed

        var error = Assert.Throws<IOException>(() => FileHasher.ForEach(items, 2, (item, _, _) =>
        {
            if (item == 10) throw new IOException("item 10 cannot be read");
        }, CancellationToken.None));

        Assert.Equal("item 10 cannot be read", error.Message);
    }

    [Fact]
    public void Cancellation_ends_workers_waiting_for_items()
    {
        using var items = new BlockingCollection<int>();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        Assert.ThrowsAny<OperationCanceledException>(() => FileHasher.ForEach(items, 2, (_, _, _) => { }, cancel.Token));
    }
}

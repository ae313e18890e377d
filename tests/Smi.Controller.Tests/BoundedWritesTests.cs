using Smi.Controller.Reconcile;

namespace Smi.Controller.Tests;

public sealed class BoundedWritesTests
{
    [Fact]
    public async Task Keeps_At_Most_The_Bound_In_Flight_And_Runs_Every_Piece_Once()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inFlight = 0;
        var most = 0;
        var runs = new int[20];
        var all = BoundedWrites.ForEachAsync(runs.Length, 4, async index =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref most, now);
            Interlocked.Increment(ref runs[index]);
            await release.Task;
            Interlocked.Decrement(ref inFlight);
        });

        // Every worker starts its first piece before its first wait: four are in flight, none further started.
        Assert.Equal(4, Volatile.Read(ref inFlight));
        Assert.Equal(4, runs.Sum());
        release.SetResult();
        await all.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(runs, count => Assert.Equal(1, count));
        Assert.Equal(4, most);
        Assert.Equal(0, inFlight);
    }

    [Fact]
    public async Task With_A_Bound_Of_One_Runs_The_Pieces_In_Order_One_After_Another()
    {
        var order = new List<int>();
        var inFlight = 0;
        await BoundedWrites.ForEachAsync(12, 1, async index =>
        {
            Assert.Equal(1, Interlocked.Increment(ref inFlight));
            order.Add(index);
            await Task.Yield();
            Interlocked.Decrement(ref inFlight);
        }).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(Enumerable.Range(0, 12), order);
    }

    [Fact]
    public async Task Starts_No_Piece_After_One_Throws_And_Throws_Its_Exception()
    {
        var started = new List<int>();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => BoundedWrites.ForEachAsync(10, 1,
            async index =>
            {
                started.Add(index);
                await Task.Yield();
                if (index == 3)
                {
                    throw new InvalidOperationException("piece 3");
                }
            }).WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("piece 3", error.Message);
        Assert.Equal([0, 1, 2, 3], started);
    }

    [Fact]
    public async Task Nothing_To_Run_Completes_At_Once()
    {
        var ran = false;
        await BoundedWrites.ForEachAsync(0, 8, _ =>
        {
            ran = true;
            return Task.CompletedTask;
        }).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(ran);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var before = Interlocked.CompareExchange(ref target, value, seen);
            if (before == seen)
            {
                return;
            }

            seen = before;
        }
    }
}

using Smi.Fleet;

return await FleetCommandLine.Create(Console.Out).Parse(args).InvokeAsync().ConfigureAwait(false);

using Smi.Cli;

return await SmiCommandLine.RunAsync(args, new CliConsole(Console.In, Console.Out, Console.Error))
    .ConfigureAwait(false);

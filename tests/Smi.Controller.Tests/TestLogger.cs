using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Smi.Controller.Tests;

/// <summary>Sends log lines to the test output, prefixed with a name so two controllers can be told apart.</summary>
internal sealed class TestLoggerProvider(ITestOutputHelper output, string prefix) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(output, prefix);

    public void Dispose()
    {
    }

    private sealed class Logger(ITestOutputHelper output, string prefix) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            try
            {
                output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} [{prefix}] {logLevel} {eventId.Id} {formatter(state, exception)}{(exception is null ? string.Empty : " | " + exception.GetType().Name + ": " + exception.Message + (exception.InnerException is null ? string.Empty : " <- " + exception.InnerException.GetType().Name + ": " + exception.InnerException.Message))}");
            }
            catch (InvalidOperationException)
            {
                // The test has finished; late lines are dropped.
            }
        }
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Smi.Controller.Tests;

/// <summary>
/// Keeps the controller's Warning and Error log lines, for tests that assert how a failure is reported.
/// </summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    /// <summary>The lines kept so far, as <c>Level: message | exception</c>.</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(_lines);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(
            LogLevel logLevel,
            EventId eventId,
            TState state,
            Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                var error = exception is null ? string.Empty : " | " + exception.Message;
                lines.Enqueue($"{logLevel}: {formatter(state, exception)}{error}");
            }
        }
    }
}

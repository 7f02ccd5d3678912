using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Opsg.Functions.Tests.Fixtures;

/// <summary>
/// Every log line an app writes, at every level and from every category, as a sink that keeps everything would see
/// it: the formatted message, each structured value, the exception with its stack, and the scopes around it (ASP.NET
/// Core puts the request's path in one). Added to an app as one more logger provider.
/// </summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose() { }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => capture._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new System.Text.StringBuilder($"{logLevel} {category}: {formatter(state, exception)}");
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
                foreach (var (key, value) in values) line.Append($" | {key}={value}");
            capture._scopes.ForEachScope((scope, text) =>
            {
                text.Append(" | scope ").Append(scope);
                if (scope is IEnumerable<KeyValuePair<string, object?>> scoped)
                    foreach (var (key, value) in scoped) text.Append($" {key}={value}");
            }, line);
            if (exception is not null) line.Append(" | ").Append(exception);
            capture._lines.Enqueue(line.ToString());
        }
    }
}

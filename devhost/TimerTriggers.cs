using System.Globalization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Opsg.Functions.Hosting;

namespace Opsg.DevHost;

/// <summary>
/// Runs every timerTrigger function of functions.metadata on its schedule. Schedules are NCRONTAB with seconds;
/// this host reads the two shapes the app uses, every N seconds ("*/N * * * * *") and every N minutes
/// ("0 */N * * * *"), and refuses any other rather than guess. %Name% takes the app setting Name.
/// </summary>
public sealed class TimerTriggers(FunctionsMetadata metadata, IServiceProvider services, IConfiguration configuration, ILogger<TimerTriggers> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(metadata.WithTrigger("timerTrigger").Select(t => RunAsync(t.Function, Every(Resolve(t.Trigger.Schedule ?? "")), stoppingToken)));

    private async Task RunAsync(FunctionMetadata function, TimeSpan every, CancellationToken stoppingToken)
    {
        var method = FunctionMethods.Find(function.EntryPoint);
        using var ticks = new PeriodicTimer(every);
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await ticks.WaitForNextTickAsync(stoppingToken); }
            catch (OperationCanceledException) { return; }
            try
            {
                await using var scope = services.CreateAsyncScope();
                var target = method.IsStatic ? null : ActivatorUtilities.CreateInstance(scope.ServiceProvider, method.DeclaringType!);
                var arguments = method.GetParameters().Select(p =>
                    p.ParameterType == typeof(TimerInfo) ? new TimerInfo() :
                    p.ParameterType == typeof(DurableTaskClient) ? scope.ServiceProvider.GetRequiredService<DurableTaskClient>() :
                    p.ParameterType == typeof(CancellationToken) ? (object)stoppingToken :
                    throw new InvalidOperationException($"{function.Name}: this host cannot bind {p.ParameterType.Name}.")).ToArray();
                await Results.AwaitAsync(method, method.Invoke(target, arguments));
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // A message, not a stack: a timer that fails while storage is away fails every tick until it is back.
                logger.LogWarning("Timer function {Function} failed ({Reason}); it runs again on its next tick", function.Name, (ex.InnerException ?? ex).Message);
            }
        }
    }

    private string Resolve(string schedule) =>
        schedule.StartsWith('%') && schedule.EndsWith('%')
            ? configuration[schedule.Trim('%')] ?? throw new InvalidOperationException($"The timer schedule names the app setting {schedule}, which is not set.")
            : schedule;

    public static TimeSpan Every(string schedule)
    {
        var fields = schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 6 && fields[1..].All(f => f == "*") && fields[0].StartsWith("*/", StringComparison.Ordinal))
            return TimeSpan.FromSeconds(int.Parse(fields[0][2..], CultureInfo.InvariantCulture));
        if (fields.Length == 6 && fields[0] == "0" && fields[2..].All(f => f == "*") && fields[1].StartsWith("*/", StringComparison.Ordinal))
            return TimeSpan.FromMinutes(int.Parse(fields[1][2..], CultureInfo.InvariantCulture));
        throw new NotSupportedException($"The local host runs schedules of the shape '*/N * * * * *' or '0 */N * * * *', not '{schedule}'.");
    }
}

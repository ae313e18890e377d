using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Smi.Controller.Resilience;

/// <summary>
/// The Polly pipeline around every API request: a per-attempt timeout inside exponential retries with jitter; an
/// answer with <c>Retry-After</c> (429 from API Priority and Fairness) waits at least that long.
/// </summary>
internal static class ApiPipeline
{
    public static ResiliencePipeline Create(
        ControllerOptions options, TimeProvider time, ILogger logger, ControllerMetrics metrics) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(TransientErrors.IsTransient),
                MaxRetryAttempts = Math.Max(0, options.MaxRetries),
                Delay = options.RetryBaseDelay,
                MaxDelay = TimeSpan.FromSeconds(30),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                DelayGenerator = args => new ValueTask<TimeSpan?>(RetryAfter.From(args.Outcome.Exception)),
                OnRetry = args =>
                {
                    metrics.Errors.WithLabels("retry").Inc();
                    Log.Retrying(logger, args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception);
                    return default;
                },
            })
            .AddTimeout(options.RequestTimeout)
            .Build();
}

using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Smi.Metrics.Prometheus;

/// <summary>
/// A client for the Prometheus HTTP API's instant queries (<c>POST /api/v1/query</c> with <c>query</c> and
/// <c>time</c>). Each attempt is bounded by <see cref="PrometheusClientOptions.Timeout"/>; connection errors, timeouts,
/// 429 and 5xx answers are retried with exponential backoff; when retries run out a
/// <see cref="PrometheusUnavailableException"/> says why.
/// </summary>
public sealed class PrometheusClient : IPrometheusClient, IDisposable
{
    private readonly HttpClient httpClient;
    private readonly bool ownsHttpClient;
    private readonly PrometheusClientOptions options;
    private readonly Uri queryUri;
    private readonly Uri configUri;
    private readonly ResiliencePipeline pipeline;

    /// <summary>Creates a client with its own <see cref="HttpClient"/>.</summary>
    /// <param name="options">Address, timeout, token and retries.</param>
    public PrometheusClient(PrometheusClientOptions options)
        : this(
            new HttpClient(new SocketsHttpHandler { ConnectTimeout = options?.Timeout ?? TimeSpan.FromSeconds(10) }),
            options!, ownsHttpClient: true)
    {
    }

    /// <summary>
    /// Creates a client on a caller-owned <see cref="HttpClient"/> (for example from an HTTP client factory).
    /// </summary>
    /// <param name="httpClient">The HTTP client; its own timeout is not used, attempts are bounded by the
    /// options.</param>
    /// <param name="options">Address, timeout, token and retries.</param>
    public PrometheusClient(HttpClient httpClient, PrometheusClientOptions options)
        : this(httpClient, options, ownsHttpClient: false)
    {
    }

    private PrometheusClient(HttpClient httpClient, PrometheusClientOptions options, bool ownsHttpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.BaseAddress);
        if (options.Timeout < TimeSpan.FromMilliseconds(10))
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), options.Timeout, "The Prometheus timeout must be at least 10 ms.");
        }

        if (options.MaxRetryAttempts is < 0 or > 10)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), options.MaxRetryAttempts, "Retries must be between 0 and 10.");
        }

        this.httpClient = httpClient;
        this.ownsHttpClient = ownsHttpClient;
        this.options = options;
        if (ownsHttpClient)
        {
            httpClient.Timeout = Timeout.InfiniteTimeSpan;
        }

        var baseText = options.BaseAddress.AbsoluteUri;
        var baseUri = new Uri(baseText.EndsWith('/') ? baseText : baseText + "/");
        queryUri = new Uri(baseUri, "api/v1/query");
        configUri = new Uri(baseUri, "api/v1/status/config");

        var builder = new ResiliencePipelineBuilder();
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .Handle<PrometheusTransientException>(),
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
            });
        }

        pipeline = builder.AddTimeout(options.Timeout).Build();
    }

    /// <summary>The address queries are sent to.</summary>
    public Uri QueryUri => queryUri;

    /// <inheritdoc/>
    public Task<IReadOnlyList<PrometheusSample>> QueryAsync(
        string query, DateTimeOffset time, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(query);
        return RunAsync(token => QueryOnceAsync(query, time, token), cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// An answer other than a successful API response (404 from a store without the endpoint, 401 or 403 from a proxy
    /// that only passes queries, a body that is not the API's) gives <see langword="null"/>.
    /// </remarks>
    public Task<string?> ReadConfigurationAsync(CancellationToken cancellationToken) =>
        RunAsync(ReadConfigurationOnceAsync, cancellationToken);

    /// <inheritdoc/>
    public void Dispose()
    {
        if (ownsHttpClient)
        {
            httpClient.Dispose();
        }
    }

    private async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        var attempts = options.MaxRetryAttempts + 1;
        try
        {
            return await pipeline.ExecuteAsync(
                async token => await attempt(token).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            var seconds = options.Timeout.TotalSeconds;
            var address = options.BaseAddress;
            throw new PrometheusUnavailableException(
                Invariant($"Prometheus at {address} did not answer within {seconds:0.###}s ({attempts} attempts)"),
                ex);
        }
        catch (HttpRequestException ex)
        {
            throw new PrometheusUnavailableException(
                Invariant($"cannot reach Prometheus at {options.BaseAddress} ({attempts} attempts): {ex.Message}"),
                ex);
        }
        catch (PrometheusTransientException ex)
        {
            throw new PrometheusUnavailableException(
                Invariant($"Prometheus at {options.BaseAddress} kept failing ({attempts} attempts): {ex.Message}"),
                ex);
        }
    }

    private async Task<string?> ReadConfigurationOnceAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, configUri);
        var (code, body) = await SendOnceAsync(request, cancellationToken).ConfigureAwait(false);
        if (code is < 200 or > 299)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return root.TryGetProperty("status", out var status) && status.GetString() == "success"
                && root.TryGetProperty("data", out var data) && data.TryGetProperty("yaml", out var yaml)
                    ? yaml.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IReadOnlyList<PrometheusSample> ReadResult(JsonElement data)
    {
        var resultType = data.GetProperty("resultType").GetString();
        var result = data.GetProperty("result");
        switch (resultType)
        {
            case "vector":
                var samples = new List<PrometheusSample>(result.GetArrayLength());
                foreach (var element in result.EnumerateArray())
                {
                    var labels = new Dictionary<string, string>(StringComparer.Ordinal);
                    if (element.TryGetProperty("metric", out var metric))
                    {
                        foreach (var label in metric.EnumerateObject())
                        {
                            labels[label.Name] = label.Value.GetString() ?? string.Empty;
                        }
                    }

                    samples.Add(new PrometheusSample(labels, ParseValue(element.GetProperty("value"))));
                }

                return samples;
            case "scalar":
                return [new PrometheusSample(new Dictionary<string, string>(), ParseValue(result))];
            default:
                throw new PrometheusQueryException(
                    $"expected an instant vector or a scalar, Prometheus returned a {resultType}");
        }
    }

    private static double ParseValue(JsonElement pair)
    {
        var text = pair[1].GetString();
        return text switch
        {
            "NaN" => double.NaN,
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            _ => double.Parse(text ?? "NaN", NumberStyles.Float, CultureInfo.InvariantCulture),
        };
    }

    private async Task<IReadOnlyList<PrometheusSample>> QueryOnceAsync(
        string query, DateTimeOffset time, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, queryUri)
        {
            Content = new FormUrlEncodedContent(
            [
                new KeyValuePair<string, string>("query", query),
                new KeyValuePair<string, string>(
                    "time", (time.ToUnixTimeMilliseconds() / 1000m).ToString("0.000", CultureInfo.InvariantCulture)),
            ]),
        };
        var (code, body) = await SendOnceAsync(request, cancellationToken).ConfigureAwait(false);
        if (code is 401 or 403)
        {
            throw new PrometheusUnavailableException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Prometheus at {options.BaseAddress} refused the request (HTTP {code}); check the bearer token"));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new PrometheusUnavailableException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{options.BaseAddress} answered HTTP {code} with something that is not a Prometheus API " +
                    $"response: {Shorten(body)}"),
                ex);
        }

        using (document)
        {
            var root = document.RootElement;
            var status = root.TryGetProperty("status", out var statusElement) ? statusElement.GetString() : null;
            if (!string.Equals(status, "success", StringComparison.Ordinal))
            {
                var errorType = root.TryGetProperty("errorType", out var type) ? type.GetString() : "error";
                var error = root.TryGetProperty("error", out var message) ? message.GetString() : Shorten(body);
                throw new PrometheusQueryException(
                    $"Prometheus rejected the query ({errorType}): {error}; query: {query}");
            }

            return ReadResult(root.GetProperty("data"));
        }
    }

    /// <summary>One attempt: sends with the bearer token, reads the body, throws on answers worth retrying.</summary>
    private async Task<(int Code, string Body)> SendOnceAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(options.BearerToken))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.BearerToken);
        }

        using var response = await httpClient
            .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var code = (int)response.StatusCode;
        if (code == 429 || code >= 500)
        {
            throw new PrometheusTransientException(Invariant($"HTTP {code} {response.ReasonPhrase}: {Shorten(body)}"));
        }

        return (code, body);
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    private static string Shorten(string text) => text.Length <= 200 ? text.Trim() : text[..200].Trim() + "…";
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace Smi.Controller.Tests;

/// <summary>
/// The webhooks' bounds over HTTPS: oversized bodies get 413 without being read whole, slow ones 408, and memory stays
/// far below the Deployment's 512 MiB limit under a mix of oversized and largest-accepted requests.
/// </summary>
public sealed partial class SecureServerIntegrationTest
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public async Task Oversized_Body_With_Content_Length_Gets_413_Before_It_Is_Sent()
    {
        await using var setup = await Setup.StartAsync(output);
        using var http = setup.CreateHttp(clientCertificate: null);
        var body = new GeneratedBody(64 * MiB);
        using var content = new StreamContent(body);
        content.Headers.ContentLength = body.Length;
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/convert") { Content = content };
        request.Headers.ExpectContinue = true;
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.True(body.Pulled < 8 * MiB, $"the client sent {body.Pulled} bytes of a refused body");
    }

    [Fact]
    public async Task Slow_Body_Gets_408_At_The_Deadline()
    {
        await using var setup = await Setup.StartAsync(
            output, o => o.SecureServing.WebhookRequestTimeout = TimeSpan.FromSeconds(2));
        var url = new Uri(setup.Secure.Url);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(url.Host, url.Port);
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost" });
        var started = Stopwatch.StartNew();
        var head = $"POST /validate HTTP/1.1\r\nHost: {url.Authority}\r\n"
            + "Content-Type: application/json\r\nContent-Length: 4096\r\n\r\n";
        await tls.WriteAsync(Encoding.ASCII.GetBytes(head + """{"apiVersion":"admission.k8s.io/v1","""));
        await tls.FlushAsync();

        // Nothing more is sent: the server answers at its deadline.
        using var reader = new StreamReader(tls, Encoding.ASCII);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var statusLine = await reader.ReadLineAsync(wait.Token);
        Assert.StartsWith("HTTP/1.1 408", statusLine, StringComparison.Ordinal);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(45), $"the 408 came after {started.Elapsed}");
    }

    [Fact]
    public async Task Memory_Stays_Bounded_Under_Oversized_And_Largest_Accepted_Requests()
    {
        await using var setup = await Setup.StartAsync(output);
        var limit = new SecureServingOptions().MaxRequestBodyBytes;
        // Live managed memory, sampled after full collections: what a container's memory limit (the GC's hard heap
        // limit follows it) has to hold. The working set is printed too, but garbage the GC has not yet needed to
        // collect inflates it in a process without a limit.
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peak = baseline;
        using var process = Process.GetCurrentProcess();
        var peakWorkingSet = process.WorkingSet64;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
                process.Refresh();
                peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
                await Task.Delay(20, CancellationToken.None);
            }
        });

        using var http = setup.CreateHttp(clientCertificate: null);
        http.Timeout = TimeSpan.FromSeconds(120);
        var oversized = Enumerable.Range(0, 8).Select(async _ =>
        {
            // Chunked: the server only learns the size while reading, and must stop at the limit.
            var body = new GeneratedBody(32 * MiB);
            using var content = new StreamContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            try
            {
                using var response = await http.PostAsync(new Uri("/validate", UriKind.Relative), content);
                return (Status: (int)response.StatusCode, body.Pulled);
            }
            catch (HttpRequestException)
            {
                // The server closed the connection while the rest was still being sent.
                return (Status: 0, body.Pulled);
            }
        }).ToList();
        var review = Encoding.UTF8.GetBytes(LargeReview(limit - (64 * 1024)));
        var largest = Enumerable.Range(0, 8).Select(async _ =>
        {
            using var content = new ByteArrayContent(review);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await http.PostAsync(new Uri("/validate", UriKind.Relative), content);
            return (int)response.StatusCode;
        }).ToList();

        var refused = await Task.WhenAll(oversized);
        var answered = await Task.WhenAll(largest);
        await sampling.CancelAsync();
        await sampler;
        var growth = (peak - baseline) / MiB;
        output.WriteLine($"live managed memory {baseline / MiB} MiB before, peak {peak / MiB} MiB (+{growth} MiB); "
            + $"peak working set {peakWorkingSet / MiB} MiB");
        output.WriteLine($"oversized: {string.Join(", ", refused.Select(r => $"{r.Status}/{r.Pulled / MiB} MiB"))}");
        output.WriteLine($"largest accepted: {string.Join(", ", answered)}");

        // The server stops reading at the limit: it answers 413 (or 429) or closes the connection while the client is
        // still sending, which the client sees as a failed request; either way it never takes the rest.
        Assert.All(refused, r => Assert.True(r.Status is 413 or 429 or 0, $"an oversized body got {r.Status}"));
        Assert.All(refused, r => Assert.True(r.Pulled < 24 * MiB, $"{r.Pulled} bytes of an oversized body were taken"));
        Assert.All(answered, s => Assert.Equal(200, s));
        // The Deployment's memory limit is 512 MiB; in a container with a limit, .NET caps the GC heap at 75 % of it
        // (GCHeapHardLimit, https://learn.microsoft.com/dotnet/core/runtime-config/garbage-collector), so the live
        // managed heap must peak below 384 MiB. The peak measured here is the whole test process's (the HTTP clients
        // and the loopback API server included), which only overstates the controller's share.
        const long heapHardLimitMiB = 512 * 3 / 4;
        Assert.True(
            peak / MiB < heapHardLimitMiB,
            $"live managed memory peaked at {peak / MiB} MiB (+{growth} MiB), over the {heapHardLimitMiB} MiB heap limit");
    }

    /// <summary>An AdmissionReview of a TrafficSplit whose annotation makes it about <paramref name="size"/>
    /// bytes.</summary>
    private static string LargeReview(long size)
    {
        var padding = new string('a', (int)size - 1024);
        const string head = """
            {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"big",
             "kind":{"group":"split.smi-spec.io","version":"v1alpha4","kind":"TrafficSplit"},
             "resource":{"group":"split.smi-spec.io","version":"v1alpha4","resource":"trafficsplits"},
             "name":"web","namespace":"shop","operation":"CREATE",
             "object":{"apiVersion":"split.smi-spec.io/v1alpha4","kind":"TrafficSplit",
                       "metadata":{"name":"web","namespace":"shop","annotations":{"pad":"
            """;
        const string tail = """
            "}},"spec":{"service":"web","backends":[{"service":"web-v1","weight":1}]}}}}
            """;
        return head + padding + tail;
    }

    /// <summary>A JSON-looking body of a given length, generated as it is read; counts what was read.</summary>
    private sealed class GeneratedBody(long length) : Stream
    {
        private static readonly byte[] Prefix = Encoding.UTF8.GetBytes(
            """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"x","pad":" """);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public long Pulled { get; private set; }

        public override long Position { get => Pulled; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - Pulled);
            for (var i = 0; i < n; i++)
            {
                var at = Pulled + i;
                buffer[offset + i] = at < Prefix.Length ? Prefix[at] : (byte)'a';
            }

            Pulled += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

}

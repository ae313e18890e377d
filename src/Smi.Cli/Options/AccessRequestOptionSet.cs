using System.Collections.Immutable;
using System.CommandLine;
using Smi.Cli.Explain;
using Smi.Evaluation;

namespace Smi.Cli.Options;

/// <summary>The options of <c>smi explain</c> that describe one request: who calls whom, where, and how.</summary>
internal sealed class AccessRequestOptionSet
{
    private readonly Option<string?> _from = new("--from")
    {
        Description = "The caller: [NS/]SERVICEACCOUNT, or [NS/]KIND/NAME for a workload (pod, deploy, sts, ds, rs) "
            + "or a Service (svc).",
        HelpName = "[NS/][KIND/]NAME",
    };

    private readonly Option<string?> _to = new("--to")
    {
        Description = "The callee: [NS/]SERVICE, or [NS/]KIND/NAME for a workload (pod, deploy, sts, ds, rs) or a "
            + "ServiceAccount (sa).",
        HelpName = "[NS/][KIND/]NAME",
    };

    private readonly Option<string?> _port = new("--port")
    {
        Description = "The port called, by number or name: a Service port for a Service, else a container port "
            + "(default: the only one).",
        HelpName = "PORT",
    };

    private readonly Option<string> _protocol = ChoiceOption.Create("--protocol", [], ["http", "tcp", "udp"], null);

    private readonly Option<string?> _method = new("--method")
    {
        Description = "The HTTP method (default GET).",
        HelpName = "METHOD",
    };

    private readonly Option<string?> _path = new("--path")
    {
        Description = "The HTTP path (default /).",
        HelpName = "PATH",
    };

    private readonly Option<string[]> _headers = new("--header", "-H")
    {
        Description = "An HTTP header of the request, as name=value (or name: value); repeat for more.",
        HelpName = "NAME=VALUE",
        AllowMultipleArgumentsPerToken = false,
    };

    public AccessRequestOptionSet()
    {
        _protocol.Description = "How the request travels: http, tcp (a connection the mesh does not read as HTTP) or "
            + "udp (default: from the port's protocol, appProtocol and name; http with --method, --path or -H).";
    }

    public IEnumerable<Option> All => [_from, _to, _port, _protocol, _method, _path, _headers];

    /// <summary>Whether any option of the access form is on the command line.</summary>
    public bool Given(ParseResult result) => All.Any(o => result.GetResult(o) is { Implicit: false });

    /// <summary>The request; null when the options are wrong (reported on <paramref name="error"/>).</summary>
    public AccessQuery? Query(ParseResult result, string defaultNamespace, TextWriter error)
    {
        if (result.GetValue(_from) is not { } fromText || result.GetValue(_to) is not { } toText)
        {
            error.WriteLine("error: explaining a request needs both --from and --to");
            return null;
        }

        var from = AccessEndpoint.Parse(fromText, defaultNamespace, "ServiceAccount", out var fromError);
        var to = AccessEndpoint.Parse(toText, defaultNamespace, "Service", out var toError);
        if (from is null || to is null)
        {
            error.WriteLine($"error: {(from is null ? "--from " + fromError : "--to " + toError)}");
            return null;
        }

        var httpGiven = result.GetValue(_method) is not null || result.GetValue(_path) is not null
            || result.GetValue(_headers) is { Length: > 0 };
        AccessProtocol? protocol = result.GetValue(_protocol) switch
        {
            "http" => AccessProtocol.Http,
            "tcp" => AccessProtocol.Tcp,
            "udp" => AccessProtocol.Udp,
            _ => httpGiven ? AccessProtocol.Http : null,
        };
        if (httpGiven && protocol != AccessProtocol.Http)
        {
            error.WriteLine("error: --method, --path and -H describe HTTP requests; they do not go with --protocol "
                + result.GetValue(_protocol));
            return null;
        }

        var path = result.GetValue(_path) ?? "/";
        if (!path.StartsWith('/'))
        {
            error.WriteLine($"error: --path {path}: a path starts with /");
            return null;
        }

        var headers = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in result.GetValue(_headers) ?? [])
        {
            var at = header.IndexOfAny(['=', ':']);
            if (at <= 0)
            {
                error.WriteLine($"error: -H {header}: expected NAME=VALUE");
                return null;
            }

            headers[header[..at].Trim()] = header[(at + 1)..].Trim();
        }

        return new AccessQuery(from, to, result.GetValue(_port), protocol,
            (result.GetValue(_method) ?? "GET").ToUpperInvariant(), path, headers.ToImmutable());
    }
}

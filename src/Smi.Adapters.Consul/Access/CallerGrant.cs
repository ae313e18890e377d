using Smi.Abstractions.Model;
using Smi.Adapters.Consul.Resources;

namespace Smi.Adapters.Consul.Access;

/// <summary>What one caller of a destination may do, merged over every grant that names it.</summary>
internal sealed class CallerGrant
{
    private readonly List<ConsulHttpMatch> _allowed = [];
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);

    /// <summary>Whether some grant allows the caller all traffic.</summary>
    public bool AllTraffic { get; private set; }

    /// <summary>The grants that name the caller.</summary>
    public List<AccessGrant> Grants { get; } = [];

    /// <summary>Adds what one grant allows the caller.</summary>
    /// <param name="allowance">What the grant allows.</param>
    /// <param name="grant">The grant.</param>
    public void Add(ConsulAllowance allowance, AccessGrant grant)
    {
        Grants.Add(grant);
        if (allowance.AllTraffic)
        {
            AllTraffic = true;
            return;
        }

        foreach (var match in allowance.HttpMatches.Where(m => _keys.Add(ConsulHttpMatches.Key(m))))
        {
            _allowed.Add(match);
        }
    }

    /// <summary>
    /// The caller as an intention source: an L4 <c>allow</c> for all traffic, else an <c>allow</c> permission per
    /// allowed request and a final <c>deny</c> of every request, so what no rule allows stays denied whatever the
    /// ACL default is (permissions are checked in order, the first match wins).
    /// </summary>
    /// <param name="name">The caller's Consul service name.</param>
    /// <param name="ns">The caller's Consul namespace, when mirrored.</param>
    /// <returns>The source.</returns>
    public IntentionSource ToSource(string name, string? ns) => AllTraffic
        ? new IntentionSource { Name = name, Namespace = ns, Action = IntentionActions.Allow }
        : new IntentionSource
        {
            Name = name,
            Namespace = ns,
            Permissions =
            [
                .. _allowed.Select(m => new IntentionPermission { Action = IntentionActions.Allow, Http = m }),
                new IntentionPermission { Action = IntentionActions.Deny, Http = ConsulHttpMatches.Everything() },
            ],
        };
}

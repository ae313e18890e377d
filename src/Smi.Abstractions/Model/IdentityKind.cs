namespace Smi.Abstractions.Model;

/// <summary>What an <see cref="IdentityRef"/> names.</summary>
public enum IdentityKind
{
    /// <summary>A Kubernetes ServiceAccount.</summary>
    ServiceAccount = 0,

    /// <summary>An access v1alpha4 IdentityBinding.</summary>
    IdentityBinding = 1,
}

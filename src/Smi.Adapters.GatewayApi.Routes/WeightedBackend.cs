namespace Smi.Adapters.GatewayApi.Routes;

/// <summary>A backend Service with an integer weight, ready for a backendRef.</summary>
/// <param name="Service">The Service name.</param>
/// <param name="Weight">The weight, 0 to 1,000,000.</param>
internal sealed record WeightedBackend(string Service, long Weight);

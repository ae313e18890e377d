namespace Smi.Testing.ApiServer;

/// <summary>What deleting a CustomResourceDefinition does to the kind it defines.</summary>
internal sealed partial class ApiRequestHandler
{
    /// <summary>
    /// Stops serving the CRD's kind (discovery and endpoints) and removes its objects, ending their watches (see
    /// <see cref="ObjectStore.PurgeStorage"/>). Callers hold the store's lock.
    /// </summary>
    private void RemoveCustomResources(string crdName)
    {
        if (registry.Uninstall(crdName) is { } crd)
        {
            store.PurgeStorage(crd.Group + "/" + crd.Plural);
        }
    }
}

using Hnv.Client;

namespace Hnv.Cli.Management;

/// <summary>What a management command works with: the client, where to write, in which form, until when.</summary>
internal sealed record ManagementContext(HnvClient Client, bool Json, TextWriter Output, CancellationToken Cancellation)
{
    /// <summary>Writes <paramref name="items"/> as a table or a JSON array.</summary>
    public void WriteList<T>(ResourceView<T> view, IEnumerable<T> items) => view.WriteList(items, Json, Output);

    /// <summary>Writes one item as "field value" lines or a JSON object.</summary>
    public void WriteItem<T>(ResourceView<T> view, T item) => view.WriteItem(item, Json, Output);
}

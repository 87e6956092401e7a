namespace ElBasar.Web.Features.Networks.Admin;

/// <summary>What the network form partial shows: the typed fields and their problems, keyed by input id.</summary>
public sealed record NetworkForm(NetworkFields Fields, IReadOnlyDictionary<string, string> Errors, bool IsHome);

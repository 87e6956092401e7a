namespace ElBasar.Web.Features.Import;

public static class ImportModule
{
    public static IServiceCollection AddImport(this IServiceCollection services) => services.AddScoped<Importer>();
}

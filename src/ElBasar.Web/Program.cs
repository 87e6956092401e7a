using ElBasar.Web;

// Settings and static files sit beside the program, wherever it is started from; relative
// data paths (the SQLite file, the mail pickup folder) stay relative to the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddElBasar();
var app = builder.Build();
app.UseElBasar();
return await Verbs.RunAsync(app, args);

public partial class Program;

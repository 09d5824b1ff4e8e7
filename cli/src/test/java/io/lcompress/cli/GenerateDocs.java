package io.lcompress.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Build-time generator of the shell completion and the man pages, from the picocli model of the
 * command line with every subcommand registered ({@link Main#commandLine()}); cli/pom.xml runs it in
 * the package phase (exec-maven-plugin), Asciidoctor then turns the AsciiDoc into roff, and the
 * distribution archive ships both. It lives with the tests so that picocli-codegen stays a
 * test-scoped dependency, off the tool's class path.
 *
 * <p>Arguments: the output folder and, optionally, the version for the pages' footers. Writes
 * {@code lcompress_completion} (bash and zsh, picocli's {@link AutoComplete}) and
 * {@code adoc/lcompress.adoc} with one {@code adoc/lcompress-COMMAND.adoc} per subcommand
 * (picocli-codegen's {@link ManPageGenerator}).
 */
public final class GenerateDocs {
    private GenerateDocs() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            throw new IllegalArgumentException("usage: GenerateDocs OUTPUT_DIR [VERSION]");
        }
        Path out = Path.of(args[0]);
        Path adoc = out.resolve("adoc");
        Files.createDirectories(adoc);
        CommandLine cl = Main.commandLine();
        if (args.length == 2) {     // every page's footer names the version (subcommands have none of their own)
            setVersion(cl, "lcompress " + args[1]);
        }
        Files.writeString(out.resolve("lcompress_completion"), AutoComplete.bash("lcompress", cl),
                StandardCharsets.UTF_8);
        int rc = ManPageGenerator.generateManPage(adoc.toFile(), null, new boolean[0], true, cl.getCommandSpec());
        if (rc != 0) {
            throw new IllegalStateException("ManPageGenerator failed with exit code " + rc);
        }
    }

    private static void setVersion(CommandLine cl, String version) {
        cl.getCommandSpec().versionProvider(null);       // the jar's version (Main.Version) would win
        cl.getCommandSpec().version(version);
        for (CommandLine sub : cl.getSubcommands().values()) {
            setVersion(sub, version);
        }
    }
}

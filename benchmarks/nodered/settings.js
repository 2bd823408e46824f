// Node-RED settings for the side-by-side comparison (benchmarks/nodered.sh): no editor, no HTTP
// nodes, warnings only, the flow file given on the command line. Not a production configuration.
module.exports = {
    uiHost: "127.0.0.1",
    uiPort: 0,
    httpAdminRoot: false,
    httpNodeRoot: false,
    disableEditor: true,
    flowFilePretty: false,
    credentialSecret: false,
    logging: { console: { level: "warn", metrics: false, audit: false } },
    editorTheme: { projects: { enabled: false } }
};

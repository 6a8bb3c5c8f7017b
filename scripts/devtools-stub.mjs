// Stand-in for the optional react-devtools-core, which Ink loads only in development.
export default { initialize() {}, connectToDevTools() {} };

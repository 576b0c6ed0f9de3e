// Node's names for the message-passing types that the shared protocol and SF supervisor use
// (browser code gets them from the DOM / WebWorker libs; in Node they exist only as values).
type MessagePort = import('node:worker_threads').MessagePort;
type Transferable = import('node:worker_threads').TransferListItem;

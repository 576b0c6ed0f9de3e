/** --help texts. */
export const MAIN_USAGE = `slicewise: slice-based learning from the command line (the same core as the app)

Usage:
  slicewise train   --data FILE --label COL --sfs SFS.ts --out REPORT.json [options]
  slicewise predict --model DIR --data FILE --out PRED.csv [--backend wasm|cpu]

Run "slicewise train --help" or "slicewise predict --help" for the options.
Inside the repository: npx slicewise ...  (or npm run slicewise -- ...)
`;

export const TRAIN_USAGE = `Usage: slicewise train --data FILE --label COL --sfs SFS.ts --out REPORT.json [options]

Trains the chosen models on FILE with the slicing functions in SFS.ts and writes REPORT.json: accuracy,
precision, recall, F1, support, the accuracy's 95% Wilson interval and the confusion matrix of every
model, overall and per slice, on the test split (the valid split when there is no test split).

Required:
  --data FILE            .csv .tsv .txt .json .jsonl .ndjson
  --label COL            the label column (2 or more classes)
  --sfs SFS.ts           slicing functions: every exported (row: Row) => boolean is one slice
  --out REPORT.json      where to write the report

Options:
  --features COLS        comma-separated feature columns (default: as the app guesses them)
  --split-column COL     a column of train/valid/test values (default: a column named "split"
                         when there is one, else a seeded stratified 80/20 train/valid split)
  --models LIST          comma-separated: plain, reweighted, sliceAware (default: all three)
  --epochs N             default 30
  --seed S               seeds the split, the initial weights and the batch order (default 1)
  --backend wasm|cpu     tfjs backend (default wasm; same seed + backend = same report)
  --batch-size N         default 256
  --learning-rate LR     default 0.001
  --hidden-size N        backbone width, default 64
  --slice-weight W       reweighted: loss weight of in-slice rows, default 3
  --settings JSON        any training settings as a JSON object or a .json file, e.g.
                         '{"sram":"reference"}' (the flags above take precedence)
  --export-dir DIR       also write each trained model to DIR/<model>/ (model.json + weights.bin,
                         TensorFlow.js weights format) for slicewise predict
  --quiet                no progress output
  -h, --help             this help

Example:
  npx slicewise train --data customers.csv --label churned --sfs slices.ts \\
    --epochs 20 --export-dir models --out report.json
`;

export const PREDICT_USAGE = `Usage: slicewise predict --model DIR --data FILE --out PRED.csv [--backend wasm|cpu]

Predicts every row of FILE with an exported model (a folder written by slicewise train --export-dir,
e.g. models/sliceAware, or downloaded from the app). Needs the model's feature columns only: no
slicing functions run and the label column may be absent. PRED.csv has one row per input row, in
order: the predicted class, then one probability column per class (proba_<class>).

  --model DIR            folder with model.json and weights.bin
  --data FILE            .csv .tsv .txt .json .jsonl .ndjson
  --out PRED.csv         where to write the predictions
  --backend wasm|cpu     tfjs backend (default wasm)
  --quiet                no summary line
  -h, --help             this help
`;

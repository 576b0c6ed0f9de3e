/** --help texts. */
export const MAIN_USAGE = `slicewise: slice-based learning from the command line (the same core as the app)

Usage:
  slicewise train   --data FILE --label COL --sfs SFS.ts --out REPORT.json [options]
  slicewise train   --project NAME.slicewise.json --out REPORT.json [options]
  slicewise predict --model DIR --data FILE --out PRED.csv [--backend wasm|cpu]
  slicewise discover --data FILE --label COL --out SFS.ts [options]

Run "slicewise train --help", "slicewise predict --help" or "slicewise discover --help" for the options.
Inside the repository: npx slicewise ...  (or npm run slicewise -- ...)
`;

export const TRAIN_USAGE = `Usage: slicewise train --data FILE --label COL --sfs SFS.ts --out REPORT.json [options]
       slicewise train --project NAME.slicewise.json --out REPORT.json [options]

Trains the chosen models on FILE with the slicing functions in SFS.ts and writes REPORT.json: accuracy,
precision, recall, F1, support, the accuracy's 95% Wilson interval and the confusion matrix of every
model, overall and per slice, on the test split (the valid split when there is no test split), its
parameter count, and "recommended": the model to use, chosen on the validation rows by the objective
(when the data has no valid split, 20% of train is held out for the choice; never the test rows).

Required (or --project):
  --data FILE            .csv .tsv .txt .json .jsonl .ndjson .parquet .arrow .feather
  --label COL            the label column (2 or more classes)
  --sfs SFS.ts           slicing functions: every exported (row: Row) => boolean is one slice
  --out REPORT.json      where to write the report

  --project FILE        a project exported from the app (project menu, Export): its data file (or
                         built-in example), column types, label, features, split, SFs and settings;
                         the run reproduces the app's numbers on the same backend (flags below
                         override its settings)

Options:
  --features COLS        comma-separated feature columns (default: as the app guesses them)
  --split-column COL     a column of train/valid/test values (default: a column named "split"
                         when there is one, else a seeded stratified 80/20 train/valid split)
  --models LIST          comma-separated, or all: plain, reweighted, sram, hps, moe, groupDro
                         (default: plain,reweighted,sram)
  --epochs N             default 30
  --seed S               seeds the split, the initial weights and the batch order (default 1)
  --backend wasm|cpu     tfjs backend (default wasm; same seed + backend = same report)
  --batch-size N         default 256
  --learning-rate LR     default 0.001
  --hidden-size N        backbone width, default 64
  --slice-weight W       reweighted: loss weight of in-slice rows, default 3
  --objective O          how the recommendation chooses: meanSlice (default: the highest mean slice
                         accuracy whose overall accuracy is not below plain's by more than
                         --max-overall-drop), worstSlice (the same with the worst slice), overall
  --max-overall-drop P   points of overall accuracy below plain the objective allows (default 0.5)
  --settings JSON        any training settings as a JSON object or a .json file, e.g.
                         '{"options":{"sram":{"temperature":0.5}}}' (the flags above take precedence)
  --export-dir DIR       also write the recommended model to DIR/<model>/ (model.json + weights.bin,
                         TensorFlow.js weights format) for slicewise predict
  --export-models LIST   with --export-dir: write these models instead (comma-separated, or all)
  --quiet                no progress output
  -h, --help             this help

Example:
  npx slicewise train --data customers.csv --label churned --sfs slices.ts \\
    --epochs 20 --export-dir models --out report.json
`;

export const PREDICT_USAGE = `Usage: slicewise predict --model DIR --data FILE --out PRED.csv [--backend wasm|cpu]

Predicts every row of FILE with an exported model (a folder written by slicewise train --export-dir,
e.g. models/sram, or downloaded from the app). Needs the model's feature columns only: no
slicing functions run and the label column may be absent. PRED.csv has one row per input row, in
order: the predicted class, then one probability column per class (proba_<class>).

  --model DIR            folder with model.json and weights.bin
  --data FILE            .csv .tsv .txt .json .jsonl .ndjson
  --out PRED.csv         where to write the predictions
  --backend wasm|cpu     tfjs backend (default wasm)
  --quiet                no summary line
  -h, --help             this help
`;

export const DISCOVER_USAGE = `Usage: slicewise discover --data FILE --label COL --out SFS.ts [options]

Finds weak slices (SliceLine, Sagadeeva & Boehm 2021): conjunctions of conditions on the columns
(number bins, category levels, booleans, text tokens) where a plain model errs far more than overall,
on the valid rows only (never the test rows). Writes them to SFS.ts as slicing functions, each with a
doc comment giving its size and error; the file works as is with slicewise train --sfs.

Required (or --project):
  --data FILE            .csv .tsv .txt .json .jsonl .ndjson .parquet .arrow .feather .parquet .arrow
  --label COL            the label column
  --out SFS.ts           where to write the slicing functions

  --project FILE        a project exported from the app (project menu, Export): its data file (or
                         built-in example), column types, label, features, split, SFs and settings;
                         the run reproduces the app's numbers on the same backend (flags below
                         override its settings)

Options:
  --features COLS        the plain model's feature columns (default: as the app guesses them)
  --split-column COL     a column of train/valid/test values (default: a column named "split",
                         else a seeded stratified 80/20 train/valid split)
  --columns COLS         columns to search (default: every column but the label and split)
  --predictions COL      take errors from this column of predictions instead of training a model
  --max-slices K         slices to return (default 10)
  --min-support N        fewest valid rows in a slice (default max(10, valid rows / 200))
  --max-predicates L     most conditions in one slice (default 2)
  --alpha A              weight of error against size in the score, in (0, 1] (default 0.95)
  --epochs N             epochs of the plain model (default 10)
  --seed S               seed of the split and the model (default 1)
  --backend wasm|cpu     TensorFlow.js backend (default wasm)
  --report FILE.json     also write every slice's description, size, error, interval, lift and score
  --quiet                print nothing but errors
`;

;; The fused triplet step of the training kernel (see src/kernel/fused-triplet-step.ts): for the default
;; combination (Euclidean triplet hinge, row-Adagrad, optional L2 and max-norm projection) one call trains a
;; whole batch of examples in place in the shared table memory, with what the generic TypeScript path
;; (TripletKernel + EuclideanGeometry + TripletMarginLoss + RowAdagradOptimizer) does per example:
;;   d_p = ||a - p||, d_k = ||a - n_k||; triplet k is active when d_p - d_k + margin > 0 (loss: that value);
;;   scale = weight / K (mean), weight (sum) or, rank-weighted (WARP / CML), weight · log1p((N - 1) · A / K)
;;   / A with A the active count and N the catalogue size; each active negative row gets the gradient
;;   c (a - n_k) with c = scale / d_k, applied at once (row-Adagrad step, L2, max-norm); the positive gets
;;   c (a - p) with c = -active · scale / d_p; the user row last, the sum of -c (a - x) over those rows.
;; Scalars are f64 as in TypeScript, rows f32x4 (dim a multiple of 4). The anchor a is the user's row, or
;; (anchorsGiven) a row address per example, e.g. a scratch row holding a mix; the user row's gradient is
;; left in the userGrad scratch (unscaled) and applied times userGradScale (0 = not applied), so a caller
;; can redirect it. Addresses are bytes in the imported memory; the batch arrays and scratch are set once by
;; `configure`. Loss sum and triplet count accumulate in globals until `resetCounters`.
(module
  (import "env" "memory" (memory 1 65536 shared))
  ;; Math.exp and Math.log (the 'softmax' reduction), Math.log1p ('rank-weighted'; WebAssembly has none of
  ;; them): the same values as the generic TypeScript kernel's.
  (import "env" "exp" (func $exp (param f64) (result f64)))
  (import "env" "log" (func $log (param f64) (result f64)))
  (import "env" "log1p" (func $log1p (param f64) (result f64)))

  (global $users (mut i32) (i32.const 0))
  (global $items (mut i32) (i32.const 0))
  (global $userState (mut i32) (i32.const 0))
  (global $itemState (mut i32) (i32.const 0))
  (global $dim (mut i32) (i32.const 0))
  (global $rowBytes (mut i32) (i32.const 0))
  (global $learningRate (mut f64) (f64.const 0))
  (global $epsilon (mut f64) (f64.const 0))
  (global $maxNorm (mut f64) (f64.const 0))
  (global $l2 (mut f32) (f32.const 0))
  (global $margin (mut f64) (f64.const 0))
  (global $mean (mut i32) (i32.const 1))
  ;; The 'softmax' reduction (configureSoftmax): L = log(1 + sum_k exp(v_k / t)) over the hinge
  ;; arguments v_k = d_p - d_k + margin, the example weight unscaled.
  (global $softmax (mut i32) (i32.const 0))
  (global $temperature (mut f64) (f64.const 1))
  (global $userGradScale (mut f32) (f32.const 1))
  ;; The 'rank-weighted' reduction (configureRankWeighted): N - 1, the ranks a positive can have; 0 = off.
  (global $rankSpan (mut f64) (f64.const 0))
  ;; Batch arrays (one entry per example; negatives: `stride` per example) and scratch.
  (global $exampleUsers (mut i32) (i32.const 0))
  (global $exampleAnchors (mut i32) (i32.const 0))
  (global $examplePositives (mut i32) (i32.const 0))
  (global $exampleWeights (mut i32) (i32.const 0))
  (global $exampleCounts (mut i32) (i32.const 0))
  (global $exampleNegatives (mut i32) (i32.const 0))
  (global $stride (mut i32) (i32.const 0))
  (global $userGrad (mut i32) (i32.const 0))
  ;; per negative of the current example: its distance and scored sums (32 bytes, see $trainExample)
  (global $distances (mut i32) (i32.const 0))
  ;; what $score and $stepItem leave for their callers
  (global $squared (mut f32) (f32.const 0))
  (global $dot (mut f32) (f32.const 0))
  (global $norm (mut f32) (f32.const 0))
  (global $gradSquared (mut f32) (f32.const 0))
  (global $gradDot (mut f32) (f32.const 0))
  (global $anchorSquared (mut f32) (f32.const 0))
  (global $lossSum (mut f64) (f64.const 0))
  (global $tripletCount (mut f64) (f64.const 0))
  (global $sink (mut i32) (i32.const 0))
  ;; Uniform negatives drawn in the kernel (`sampleAndTrainBatch`): the sfc32 state of the thread's
  ;; SeededRandom, the users' sorted liked lists (CSR: offsets [userCount + 1] then items, i32), the
  ;; catalogue size and the negatives per positive.
  (global $rngA (mut i32) (i32.const 0))
  (global $rngB (mut i32) (i32.const 0))
  (global $rngC (mut i32) (i32.const 0))
  (global $rngD (mut i32) (i32.const 0))
  (global $likedOffsets (mut i32) (i32.const 0))
  (global $likedItems (mut i32) (i32.const 0))
  (global $itemCount (mut i32) (i32.const 0))
  (global $drawsPerExample (mut i32) (i32.const 0))

  (func (export "configure")
    (param $users i32) (param $items i32) (param $userState i32) (param $itemState i32) (param $dim i32)
    (param $learningRate f64) (param $epsilon f64) (param $maxNorm f64) (param $l2 f64) (param $margin f64)
    (param $mean i32)
    (global.set $users (local.get $users))
    (global.set $items (local.get $items))
    (global.set $userState (local.get $userState))
    (global.set $itemState (local.get $itemState))
    (global.set $dim (local.get $dim))
    (global.set $rowBytes (i32.shl (local.get $dim) (i32.const 2)))
    (global.set $learningRate (local.get $learningRate))
    (global.set $epsilon (local.get $epsilon))
    (global.set $maxNorm (local.get $maxNorm))
    (global.set $l2 (f32.demote_f64 (local.get $l2)))
    (global.set $margin (local.get $margin))
    (global.set $mean (local.get $mean)))

  ;; Where the batch lives: per example a user (i32), an anchor address (i32, read when anchorsGiven), a
  ;; positive (i32), a weight (f32), a negative count (i32), `stride` negatives (i32); then the scratch.
  (func (export "placeBatch")
    (param $users i32) (param $anchors i32) (param $positives i32) (param $weights i32) (param $counts i32)
    (param $negatives i32) (param $stride i32) (param $userGrad i32) (param $distances i32)
    (global.set $exampleUsers (local.get $users))
    (global.set $exampleAnchors (local.get $anchors))
    (global.set $examplePositives (local.get $positives))
    (global.set $exampleWeights (local.get $weights))
    (global.set $exampleCounts (local.get $counts))
    (global.set $exampleNegatives (local.get $negatives))
    (global.set $stride (local.get $stride))
    (global.set $userGrad (local.get $userGrad))
    (global.set $distances (local.get $distances)))

  (func (export "configureSoftmax") (param $temperature f64)
    (global.set $softmax (i32.const 1))
    (global.set $mean (i32.const 0))
    (global.set $temperature (local.get $temperature)))

  (func (export "configureRankWeighted") (param $itemCount i32)
    (global.set $mean (i32.const 0))
    (global.set $rankSpan (f64.convert_i32_u (i32.sub (local.get $itemCount) (i32.const 1)))))

  (func (export "setUserGradientScale") (param $scale f64)
    (global.set $userGradScale (f32.demote_f64 (local.get $scale))))

  (func (export "lossSum") (result f64) (global.get $lossSum))
  (func (export "tripletCount") (result f64) (global.get $tripletCount))
  (func (export "resetCounters")
    (global.set $lossSum (f64.const 0))
    (global.set $tripletCount (f64.const 0)))

  ;; Trains examples [0, count) in order, `group` at a time: before a group is trained, the rows of the
  ;; next group (users, positives, negatives) are read, one value per cache line, all at once. Wasm has no
  ;; prefetch instruction and a load that misses holds up the instructions after it, so touching one
  ;; example ahead exposes one miss latency per example; touching a group exposes about one per group
  ;; (the misses overlap). group 0: no touching (the caller prefetched).
  (func (export "trainBatch") (param $count i32) (param $group i32) (param $anchorsGiven i32)
    (call $trainGroups (local.get $count) (local.get $group) (local.get $anchorsGiven) (i32.const 0)))

  ;; trainBatch for a batch whose positive pairs (count -1) still need their uniform negatives: a group's
  ;; negatives are drawn (see $sampleExamples) just before its rows are touched, so one call samples and
  ;; trains the whole batch, with the draws of example-by-example sampling in the same order.
  (func (export "sampleAndTrainBatch") (param $count i32) (param $group i32)
    (call $trainGroups (local.get $count) (local.get $group) (i32.const 0) (i32.const 1)))

  (func $trainGroups (param $count i32) (param $group i32) (param $anchorsGiven i32) (param $sample i32)
    (local $i i32) (local $end i32) (local $after i32)
    (if (i32.eqz (local.get $group))
      (then
        (if (local.get $sample) (then (call $sampleExamples (i32.const 0) (local.get $count))))
        (block $done
          (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
            (call $trainExample (local.get $i) (local.get $anchorsGiven))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
        (return)))
    (local.set $end (call $min (local.get $group) (local.get $count)))
    (if (local.get $sample) (then (call $sampleExamples (i32.const 0) (local.get $end))))
    (call $touchExamples (i32.const 0) (local.get $end))
    (block $done
      (loop $nextGroup
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        (local.set $end (call $min (i32.add (local.get $i) (local.get $group)) (local.get $count)))
        (local.set $after (call $min (i32.add (local.get $end) (local.get $group)) (local.get $count)))
        (if (local.get $sample) (then (call $sampleExamples (local.get $end) (local.get $after))))
        (call $touchExamples (local.get $end) (local.get $after))
        (block $trained
          (loop $next
            (br_if $trained (i32.ge_u (local.get $i) (local.get $end)))
            (call $trainExample (local.get $i) (local.get $anchorsGiven))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
        (br $nextGroup))))

  (func (export "configureUniform")
    (param $likedOffsets i32) (param $likedItems i32) (param $itemCount i32) (param $draws i32)
    (global.set $likedOffsets (local.get $likedOffsets))
    (global.set $likedItems (local.get $likedItems))
    (global.set $itemCount (local.get $itemCount))
    (global.set $drawsPerExample (local.get $draws)))

  (func (export "setRandomState") (param $a i32) (param $b i32) (param $c i32) (param $d i32)
    (global.set $rngA (local.get $a))
    (global.set $rngB (local.get $b))
    (global.set $rngC (local.get $c))
    (global.set $rngD (local.get $d)))

  ;; Word `index` (0-3: a, b, c, d) of the sfc32 state.
  (func (export "randomState") (param $index i32) (result i32)
    (select (global.get $rngA)
      (select (global.get $rngB)
        (select (global.get $rngC) (global.get $rngD) (i32.eq (local.get $index) (i32.const 2)))
        (i32.eq (local.get $index) (i32.const 1)))
      (i32.eqz (local.get $index))))

  ;; The uniform negatives of examples [from, to) whose count is -1, as NegativeSampler.fill draws them
  ;; with the uniform source alone: per negative, SeededRandom.nextInt(itemCount) (sfc32, then
  ;; floor(t / 2^32 · itemCount) in f64) until an item the user does not like, at most 64 draws (else
  ;; none). The state lives in locals for the loop and goes back to the globals at the end.
  (func $sampleExamples (param $from i32) (param $to i32)
    (local $a i32) (local $b i32) (local $c i32) (local $d i32) (local $t i32) (local $bound f64)
    (local $at i32) (local $user i32) (local $first i32) (local $last i32) (local $slots i32)
    (local $count i32) (local $k i32) (local $attempt i32) (local $item i32)
    (local.set $a (global.get $rngA))
    (local.set $b (global.get $rngB))
    (local.set $c (global.get $rngC))
    (local.set $d (global.get $rngD))
    (local.set $bound (f64.convert_i32_u (global.get $itemCount)))
    (block $done
      (loop $example
        (br_if $done (i32.ge_u (local.get $from) (local.get $to)))
        (local.set $at (i32.shl (local.get $from) (i32.const 2)))
        (if (i32.eq (i32.load (i32.add (global.get $exampleCounts) (local.get $at))) (i32.const -1))
          (then
            (local.set $user (i32.shl
              (i32.load (i32.add (global.get $exampleUsers) (local.get $at))) (i32.const 2)))
            ;; the user's liked items, [first, last) in bytes
            (local.set $first (i32.add (global.get $likedItems) (i32.shl
              (i32.load (i32.add (global.get $likedOffsets) (local.get $user))) (i32.const 2))))
            (local.set $last (i32.add (global.get $likedItems) (i32.shl
              (i32.load offset=4 (i32.add (global.get $likedOffsets) (local.get $user))) (i32.const 2))))
            (local.set $slots (i32.add (global.get $exampleNegatives)
              (i32.shl (i32.mul (local.get $from) (global.get $stride)) (i32.const 2))))
            (local.set $count (i32.const 0))
            (local.set $k (i32.const 0))
            (block $filled
              (loop $negative
                (br_if $filled (i32.ge_u (local.get $k) (global.get $drawsPerExample)))
                (local.set $attempt (i32.const 0))
                (block $drawn
                  (loop $draw
                    (br_if $drawn (i32.ge_u (local.get $attempt) (i32.const 64)))
                    ;; sfc32 (SeededRandom.nextUint32)
                    (local.set $t (i32.add (i32.add (local.get $a) (local.get $b)) (local.get $d)))
                    (local.set $d (i32.add (local.get $d) (i32.const 1)))
                    (local.set $a (i32.xor (local.get $b) (i32.shr_u (local.get $b) (i32.const 9))))
                    (local.set $b (i32.add (local.get $c) (i32.shl (local.get $c) (i32.const 3))))
                    (local.set $c (i32.add (i32.rotl (local.get $c) (i32.const 21)) (local.get $t)))
                    ;; t · 2^-32 is t / 2^32 exactly (a power of two only moves the exponent)
                    (local.set $item (i32.trunc_f64_u (f64.mul
                      (f64.mul (f64.convert_i32_u (local.get $t)) (f64.const 0x1p-32))
                      (local.get $bound))))
                    (if (i32.eqz (call $contains (local.get $first) (local.get $last) (local.get $item)))
                      (then
                        (if (i32.lt_u (local.get $count) (global.get $stride))
                          (then
                            (i32.store (i32.add (local.get $slots) (i32.shl (local.get $count) (i32.const 2)))
                              (local.get $item))
                            (local.set $count (i32.add (local.get $count) (i32.const 1)))))
                        (br $drawn)))
                    (local.set $attempt (i32.add (local.get $attempt) (i32.const 1)))
                    (br $draw)))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $negative)))
            (i32.store (i32.add (global.get $exampleCounts) (local.get $at)) (local.get $count))))
        (local.set $from (i32.add (local.get $from) (i32.const 1)))
        (br $example)))
    (global.set $rngA (local.get $a))
    (global.set $rngB (local.get $b))
    (global.set $rngC (local.get $c))
    (global.set $rngD (local.get $d)))

  ;; True when the sorted, distinct i32 list [base, end) (bytes) holds `item`: a binary search without
  ;; branches on the comparisons (select), which a random item makes unpredictable.
  (func $contains (param $base i32) (param $end i32) (param $item i32) (result i32)
    (local $n i32) (local $half i32)
    (local.set $n (i32.shr_u (i32.sub (local.get $end) (local.get $base)) (i32.const 2)))
    (if (i32.eqz (local.get $n)) (then (return (i32.const 0))))
    (block $found
      (loop $halve
        (br_if $found (i32.le_u (local.get $n) (i32.const 1)))
        (local.set $half (i32.shr_u (local.get $n) (i32.const 1)))
        (local.set $base (select
          (i32.add (local.get $base) (i32.shl (local.get $half) (i32.const 2)))
          (local.get $base)
          (i32.le_s (i32.load (i32.add (local.get $base) (i32.shl (local.get $half) (i32.const 2))))
            (local.get $item))))
        (local.set $n (i32.sub (local.get $n) (local.get $half)))
        (br $halve)))
    (i32.eq (i32.load (local.get $base)) (local.get $item)))

  (func $min (param $a i32) (param $b i32) (result i32)
    (select (local.get $a) (local.get $b) (i32.lt_u (local.get $a) (local.get $b))))

  ;; Touches the rows of examples [from, to): one load per 64-byte line of the user, positive and negative
  ;; rows, summed into $sink (so the loads are kept). Written as one function: Node 20's V8 does not
  ;; inline WebAssembly calls, and a call per row costs more than the row's loads.
  (func $touchExamples (param $from i32) (param $to i32)
    (local $at i32) (local $count i32) (local $k i32) (local $address i32) (local $line i32)
    (local $sum i32) (local $negatives i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $from) (local.get $to)))
        (local.set $at (i32.shl (local.get $from) (i32.const 2)))
        (local.set $count (i32.load (i32.add (global.get $exampleCounts) (local.get $at))))
        (local.set $negatives (i32.add (global.get $exampleNegatives)
          (i32.shl (i32.mul (local.get $from) (global.get $stride)) (i32.const 2))))
        ;; k = -2: the user row, -1: the positive, then the negatives
        (local.set $k (i32.const -2))
        (block $rows
          (loop $row
            (br_if $rows (i32.ge_s (local.get $k) (local.get $count)))
            (local.set $address
              (if (result i32) (i32.eq (local.get $k) (i32.const -2))
                (then (i32.add (global.get $users) (i32.mul (global.get $rowBytes)
                  (i32.load (i32.add (global.get $exampleUsers) (local.get $at))))))
                (else (i32.add (global.get $items) (i32.mul (global.get $rowBytes)
                  (if (result i32) (i32.eq (local.get $k) (i32.const -1))
                    (then (i32.load (i32.add (global.get $examplePositives) (local.get $at))))
                    (else (i32.load (i32.add (local.get $negatives) (i32.shl (local.get $k) (i32.const 2)))))))))))
            (local.set $line (i32.const 0))
            (loop $lines
              (local.set $sum (i32.add (local.get $sum)
                (i32.load (i32.add (local.get $address) (local.get $line)))))
              (br_if $lines (i32.lt_u (local.tee $line (i32.add (local.get $line) (i32.const 64)))
                (global.get $rowBytes))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $row)))
        (local.set $from (i32.add (local.get $from) (i32.const 1)))
        (br $next)))
    (global.set $sink (i32.add (global.get $sink) (local.get $sum))))

  ;; The address of row `row` of the table at `base`.
  (func $row (param $base i32) (param $row i32) (result i32)
    (i32.add (local.get $base) (i32.mul (local.get $row) (global.get $rowBytes))))

  ;; Per negative in the `scored` scratch (32 bytes): the distance (f64, -1 when inactive) at 0, then
  ;; f32 ||a - x||² at 8, a · x at 12, ||x||² at 16.
  (func $trainExample (param $i i32) (param $anchorsGiven i32)
    (local $count i32) (local $user i32) (local $userRow i32) (local $anchor i32) (local $positive i32)
    (local $negatives i32) (local $k i32) (local $j i32) (local $item i32) (local $active i32)
    (local $positiveDistance f64) (local $distance f64) (local $violation f64) (local $scale f64)
    (local $at i32) (local $slot i32) (local $fast i32) (local $repeated i32)
    (local $positiveSquared f32) (local $positiveDot f32) (local $positiveNorm f32)
    (local $top f64) (local $positiveWeight f64) (local $c f64)
    (local.set $at (i32.shl (local.get $i) (i32.const 2)))
    (local.set $count (i32.load (i32.add (global.get $exampleCounts) (local.get $at))))
    (if (i32.eqz (local.get $count)) (then (return)))
    (local.set $user (i32.load (i32.add (global.get $exampleUsers) (local.get $at))))
    (local.set $userRow (call $row (global.get $users) (local.get $user)))
    (local.set $anchor
      (if (result i32) (local.get $anchorsGiven)
        (then (i32.load (i32.add (global.get $exampleAnchors) (local.get $at))))
        (else (local.get $userRow))))
    (local.set $positive (i32.load (i32.add (global.get $examplePositives) (local.get $at))))
    (local.set $negatives (i32.add (global.get $exampleNegatives)
      (i32.shl (i32.mul (local.get $i) (global.get $stride)) (i32.const 2))))
    ;; Every row is scored before any is updated, as the TypeScript kernel does.
    (call $score (local.get $anchor) (call $row (global.get $items) (local.get $positive)))
    (local.set $positiveSquared (global.get $squared))
    (local.set $positiveDot (global.get $dot))
    (local.set $positiveNorm (global.get $norm))
    (local.set $positiveDistance (f64.sqrt (f64.promote_f32 (local.get $positiveSquared))))
    (block $scored
      (loop $score
        (br_if $scored (i32.ge_u (local.get $k) (local.get $count)))
        (local.set $item (i32.load (i32.add (local.get $negatives) (i32.shl (local.get $k) (i32.const 2)))))
        (call $score (local.get $anchor) (call $row (global.get $items) (local.get $item)))
        (local.set $distance (f64.sqrt (f64.promote_f32 (global.get $squared))))
        (local.set $violation (f64.add (f64.sub (local.get $positiveDistance) (local.get $distance))
          (global.get $margin)))
        (local.set $slot (i32.add (global.get $distances) (i32.shl (local.get $k) (i32.const 5))))
        (if (global.get $softmax)
          (then
            ;; v_k / t, made a weight by $softmaxWeights; top = max(0, v_k / t) as in TypeScript
            (local.set $violation (f64.div (local.get $violation) (global.get $temperature)))
            (f64.store offset=24 (local.get $slot) (local.get $violation))
            (if (f64.gt (local.get $violation) (local.get $top))
              (then (local.set $top (local.get $violation)))))
          (else
            (if (f64.gt (local.get $violation) (f64.const 0))
              (then
                (global.set $lossSum (f64.add (global.get $lossSum) (local.get $violation)))
                (local.set $active (i32.add (local.get $active) (i32.const 1))))
              ;; an inactive triplet: no gradient
              (else (local.set $distance (f64.const -1))))))
        (f64.store (local.get $slot) (local.get $distance))
        (f32.store offset=8 (local.get $slot) (global.get $squared))
        (f32.store offset=12 (local.get $slot) (global.get $dot))
        (f32.store offset=16 (local.get $slot) (global.get $norm))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $score)))
    (global.set $tripletCount (f64.add (global.get $tripletCount) (f64.convert_i32_u (local.get $count))))
    ;; dL/dd_p over the scale: the active count for the hinge, the sum of the weights for the softmax
    ;; (where every negative is active).
    (if (global.get $softmax)
      (then
        (local.set $positiveWeight (call $softmaxWeights (local.get $count) (local.get $top)))
        (local.set $active (local.get $count)))
      (else (local.set $positiveWeight (f64.convert_i32_u (local.get $active)))))
    (if (i32.eqz (local.get $active)) (then (return)))
    (local.set $scale (f64.promote_f32 (f32.load (i32.add (global.get $exampleWeights) (local.get $at)))))
    (if (global.get $mean)
      (then (local.set $scale (f64.div (local.get $scale) (f64.convert_i32_u (local.get $count))))))
    ;; the positive's rank estimated from the share of its negatives that violate the margin, spread over
    ;; the active triplets (reductionScale's order of operations)
    (if (f64.gt (global.get $rankSpan) (f64.const 0))
      (then (local.set $scale (f64.div
        (f64.mul (local.get $scale)
          (call $log1p (f64.div
            (f64.mul (global.get $rankSpan) (f64.convert_i32_u (local.get $active)))
            (f64.convert_i32_u (local.get $count)))))
        (f64.convert_i32_u (local.get $active))))))
    ;; (memory.fill on a shared memory is a runtime call that writes bytes one by one)
    (local.set $slot (global.get $userGrad))
    (loop $zero
      (v128.store (local.get $slot) (v128.const i32x4 0 0 0 0))
      (local.set $slot (i32.add (local.get $slot) (i32.const 16)))
      (br_if $zero (i32.lt_u (local.get $slot) (i32.add (global.get $userGrad) (global.get $rowBytes)))))
    ;; Without L2 a row's step needs no pass of its own for the gradient's norm or the new row's norm:
    ;; both follow from the scored sums (see $stepItem). A row met twice in one example (a repeated
    ;; negative) has changed since it was scored and takes the general two-pass step.
    (local.set $fast (f32.eq (global.get $l2) (f32.const 0)))
    (local.set $k (i32.const 0))
    (block $applied
      (loop $apply
        (br_if $applied (i32.ge_u (local.get $k) (local.get $count)))
        (local.set $slot (i32.add (global.get $distances) (i32.shl (local.get $k) (i32.const 5))))
        (local.set $distance (f64.load (local.get $slot)))
        (if (f64.ge (local.get $distance) (f64.const 0))
          (then
            (local.set $item (i32.load (i32.add (local.get $negatives) (i32.shl (local.get $k) (i32.const 2)))))
            (local.set $repeated (i32.const 0))
            (local.set $j (i32.const 0))
            (block $checked
              (loop $check
                (br_if $checked (i32.ge_u (local.get $j) (local.get $k)))
                (if (i32.eq (local.get $item)
                      (i32.load (i32.add (local.get $negatives) (i32.shl (local.get $j) (i32.const 2)))))
                  (then (local.set $repeated (i32.const 1)) (br $checked)))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $check)))
            ;; c = scale · w_k / d_k (w_k = 1 for the hinge: the same bits as scale / d_k)
            (local.set $c (f64.div
              (if (result f64) (global.get $softmax)
                (then (f64.mul (local.get $scale) (f64.load offset=24 (local.get $slot))))
                (else (local.get $scale)))
              (call $atLeastTiny (local.get $distance))))
            (if (i32.and (local.get $fast) (i32.eqz (local.get $repeated)))
              (then
                (call $stepItem (local.get $anchor) (local.get $item) (local.get $c)
                  (f32.load offset=8 (local.get $slot)) (f32.load offset=12 (local.get $slot))
                  (f32.load offset=16 (local.get $slot))))
              (else (call $applyItem (local.get $anchor) (local.get $item) (local.get $c))))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $apply)))
    (local.set $distance (f64.div (f64.neg (f64.mul (local.get $positiveWeight) (local.get $scale)))
      (call $atLeastTiny (local.get $positiveDistance))))
    (if (local.get $fast)
      (then
        (call $stepItem (local.get $anchor) (local.get $positive) (local.get $distance)
          (local.get $positiveSquared) (local.get $positiveDot) (local.get $positiveNorm)))
      (else (call $applyItem (local.get $anchor) (local.get $positive) (local.get $distance))))
    (if (f32.eq (global.get $userGradScale) (f32.const 0)) (then (return)))
    ;; The positive's step left the sums of the final user gradient ($stepItem) the user's step needs.
    (if (i32.and (local.get $fast) (i32.eq (local.get $anchor) (local.get $userRow)))
      (then (call $stepUser (local.get $userRow) (local.get $user)))
      (else (call $applyUser (local.get $userRow) (local.get $user)))))

  ;; The softmax reduction's weights, as TripletKernel.evaluateSoftmax: with x_k = v_k / t in each slot
  ;; (offset 24) and top = max(0, x_k), sum = exp(-top) + sum_k exp(x_k - top), the loss adds
  ;; top + log(sum) and each slot gets w_k = exp(x_k - top) / (t · sum) = -dL/dd_k (a slot whose weight
  ;; underflows to 0 is marked inactive, distance -1, as the TypeScript kernel skips a zero
  ;; coefficient). Returns dL/dd_p = sum_k w_k.
  (func $softmaxWeights (param $count i32) (param $top f64) (result f64)
    (local $k i32) (local $slot i32) (local $sum f64) (local $e f64) (local $weights f64)
    (local $denominator f64)
    (local.set $sum (call $exp (f64.neg (local.get $top))))
    (block $summed
      (loop $next
        (br_if $summed (i32.ge_u (local.get $k) (local.get $count)))
        (local.set $slot (i32.add (global.get $distances) (i32.shl (local.get $k) (i32.const 5))))
        (local.set $e (call $exp (f64.sub (f64.load offset=24 (local.get $slot)) (local.get $top))))
        (f64.store offset=24 (local.get $slot) (local.get $e))
        (local.set $sum (f64.add (local.get $sum) (local.get $e)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $next)))
    (global.set $lossSum (f64.add (global.get $lossSum)
      (f64.add (local.get $top) (call $log (local.get $sum)))))
    (local.set $denominator (f64.mul (global.get $temperature) (local.get $sum)))
    (local.set $k (i32.const 0))
    (block $weighed
      (loop $next
        (br_if $weighed (i32.ge_u (local.get $k) (local.get $count)))
        (local.set $slot (i32.add (global.get $distances) (i32.shl (local.get $k) (i32.const 5))))
        (local.set $e (f64.div (f64.load offset=24 (local.get $slot)) (local.get $denominator)))
        (f64.store offset=24 (local.get $slot) (local.get $e))
        (local.set $weights (f64.add (local.get $weights) (local.get $e)))
        (if (f64.eq (local.get $e) (f64.const 0))
          (then (f64.store (local.get $slot) (f64.const -1))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $next)))
    (local.get $weights))

  ;; ||a - x||², a · x and ||x||² (f32) into $squared, $dot, $norm: 8 floats per step on two sets of
  ;; accumulators (six independent chains), then 4 (dim is a multiple of 4).
  (func $score (param $a i32) (param $x i32)
    (local $end i32) (local $av v128) (local $xv v128) (local $d v128)
    (local $squares v128) (local $dots v128) (local $norms v128)
    (local $squares1 v128) (local $dots1 v128) (local $norms1 v128)
    (local.set $end (i32.add (local.get $a) (i32.and (global.get $rowBytes) (i32.const -32))))
    (block $last8
      (loop $next8
        (br_if $last8 (i32.ge_u (local.get $a) (local.get $end)))
        (local.set $av (v128.load (local.get $a)))
        (local.set $xv (v128.load (local.get $x)))
        (local.set $d (f32x4.sub (local.get $av) (local.get $xv)))
        (local.set $squares (f32x4.add (local.get $squares) (f32x4.mul (local.get $d) (local.get $d))))
        (local.set $dots (f32x4.add (local.get $dots) (f32x4.mul (local.get $av) (local.get $xv))))
        (local.set $norms (f32x4.add (local.get $norms) (f32x4.mul (local.get $xv) (local.get $xv))))
        (local.set $av (v128.load offset=16 (local.get $a)))
        (local.set $xv (v128.load offset=16 (local.get $x)))
        (local.set $d (f32x4.sub (local.get $av) (local.get $xv)))
        (local.set $squares1 (f32x4.add (local.get $squares1) (f32x4.mul (local.get $d) (local.get $d))))
        (local.set $dots1 (f32x4.add (local.get $dots1) (f32x4.mul (local.get $av) (local.get $xv))))
        (local.set $norms1 (f32x4.add (local.get $norms1) (f32x4.mul (local.get $xv) (local.get $xv))))
        (local.set $a (i32.add (local.get $a) (i32.const 32)))
        (local.set $x (i32.add (local.get $x) (i32.const 32)))
        (br $next8)))
    (if (i32.and (global.get $rowBytes) (i32.const 16))
      (then
        (local.set $av (v128.load (local.get $a)))
        (local.set $xv (v128.load (local.get $x)))
        (local.set $d (f32x4.sub (local.get $av) (local.get $xv)))
        (local.set $squares (f32x4.add (local.get $squares) (f32x4.mul (local.get $d) (local.get $d))))
        (local.set $dots (f32x4.add (local.get $dots) (f32x4.mul (local.get $av) (local.get $xv))))
        (local.set $norms (f32x4.add (local.get $norms) (f32x4.mul (local.get $xv) (local.get $xv))))))
    ;; (the lane sums written out: a call each would cost more than they do)
    (local.set $squares (f32x4.add (local.get $squares) (local.get $squares1)))
    (local.set $dots (f32x4.add (local.get $dots) (local.get $dots1)))
    (local.set $norms (f32x4.add (local.get $norms) (local.get $norms1)))
    (global.set $squared (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $squares)) (f32x4.extract_lane 1 (local.get $squares)))
      (f32.add (f32x4.extract_lane 2 (local.get $squares)) (f32x4.extract_lane 3 (local.get $squares)))))
    (global.set $dot (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $dots)) (f32x4.extract_lane 1 (local.get $dots)))
      (f32.add (f32x4.extract_lane 2 (local.get $dots)) (f32x4.extract_lane 3 (local.get $dots)))))
    (global.set $norm (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $norms)) (f32x4.extract_lane 1 (local.get $norms)))
      (f32.add (f32x4.extract_lane 2 (local.get $norms)) (f32x4.extract_lane 3 (local.get $norms))))))

  ;; Item row x (first met in this example, no L2) takes g = c (a - x) in one pass. Its squared norm is
  ;; c² ||a - x||² (scored), so the row-Adagrad rate r is known first; the new row x - r g has squared
  ;; norm ||x||² - 2 r c (a·x - ||x||²) + r² c² ||a - x||², so the max-norm factor s is known too and the
  ;; pass writes s (x - r g) at once. userGrad -= g; the pass also leaves ||userGrad||², a · userGrad and
  ;; ||a||² of the updated gradient in globals (after the last row, the positive: what $stepUser needs).
  (func $stepItem (param $anchor i32) (param $item i32) (param $c f64) (param $squared f32) (param $dot f32)
    (param $norm f32)
    (local $x i32) (local $a i32) (local $u i32) (local $end i32) (local $cv v128) (local $move v128)
    (local $shrink v128) (local $av v128) (local $g v128) (local $ug v128) (local $rate f64)
    (local $gradSquares v128) (local $gradDots v128) (local $anchorSquares v128) (local $newNorm f64)
    (local.set $rate (f64.promote_f32 (call $adagradRate
      (i32.add (global.get $itemState) (i32.shl (local.get $item) (i32.const 2)))
      (f32.demote_f64 (f64.mul (f64.mul (local.get $c) (local.get $c)) (f64.promote_f32 (local.get $squared)))))))
    (local.set $newNorm (f64.add
      (f64.sub (f64.promote_f32 (local.get $norm))
        (f64.mul (f64.mul (f64.const 2) (f64.mul (local.get $rate) (local.get $c)))
          (f64.sub (f64.promote_f32 (local.get $dot)) (f64.promote_f32 (local.get $norm)))))
      (f64.mul (f64.mul (f64.mul (local.get $rate) (local.get $rate)) (f64.mul (local.get $c) (local.get $c)))
        (f64.promote_f32 (local.get $squared)))))
    (local.set $shrink (f32x4.splat (call $projectionScale (local.get $newNorm))))
    (local.set $cv (f32x4.splat (f32.demote_f64 (local.get $c))))
    (local.set $move (f32x4.splat (f32.demote_f64 (local.get $rate))))
    (local.set $x (call $row (global.get $items) (local.get $item)))
    (local.set $a (local.get $anchor))
    (local.set $u (global.get $userGrad))
    (local.set $end (i32.add (local.get $x) (global.get $rowBytes)))
    (loop $step
      (local.set $av (v128.load (local.get $a)))
      (local.set $g (f32x4.mul (local.get $cv) (f32x4.sub (local.get $av) (v128.load (local.get $x)))))
      (v128.store (local.get $x) (f32x4.mul (local.get $shrink)
        (f32x4.sub (v128.load (local.get $x)) (f32x4.mul (local.get $move) (local.get $g)))))
      (local.set $ug (f32x4.sub (v128.load (local.get $u)) (local.get $g)))
      (v128.store (local.get $u) (local.get $ug))
      (local.set $gradSquares (f32x4.add (local.get $gradSquares) (f32x4.mul (local.get $ug) (local.get $ug))))
      (local.set $gradDots (f32x4.add (local.get $gradDots) (f32x4.mul (local.get $av) (local.get $ug))))
      (local.set $anchorSquares (f32x4.add (local.get $anchorSquares) (f32x4.mul (local.get $av) (local.get $av))))
      (local.set $a (i32.add (local.get $a) (i32.const 16)))
      (local.set $u (i32.add (local.get $u) (i32.const 16)))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (br_if $step (i32.lt_u (local.get $x) (local.get $end))))
    (global.set $gradSquared (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $gradSquares)) (f32x4.extract_lane 1 (local.get $gradSquares)))
      (f32.add (f32x4.extract_lane 2 (local.get $gradSquares)) (f32x4.extract_lane 3 (local.get $gradSquares)))))
    (global.set $gradDot (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $gradDots)) (f32x4.extract_lane 1 (local.get $gradDots)))
      (f32.add (f32x4.extract_lane 2 (local.get $gradDots)) (f32x4.extract_lane 3 (local.get $gradDots)))))
    (global.set $anchorSquared (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $anchorSquares)) (f32x4.extract_lane 1 (local.get $anchorSquares)))
      (f32.add (f32x4.extract_lane 2 (local.get $anchorSquares)) (f32x4.extract_lane 3 (local.get $anchorSquares))))))

  ;; The user row u (the anchor, no L2) takes G = userGradScale · userGrad in one pass, its rate and
  ;; max-norm factor from the sums the positive's $stepItem left (as for an item row).
  (func $stepUser (param $userRow i32) (param $user i32)
    (local $x i32) (local $u i32) (local $end i32) (local $move v128) (local $shrink v128)
    (local $scale f64) (local $rate f64) (local $gradSquared f64) (local $newNorm f64)
    (local.set $scale (f64.promote_f32 (global.get $userGradScale)))
    (local.set $gradSquared (f64.mul (f64.mul (local.get $scale) (local.get $scale))
      (f64.promote_f32 (global.get $gradSquared))))
    (local.set $rate (f64.promote_f32 (call $adagradRate
      (i32.add (global.get $userState) (i32.shl (local.get $user) (i32.const 2)))
      (f32.demote_f64 (local.get $gradSquared)))))
    (local.set $newNorm (f64.add
      (f64.sub (f64.promote_f32 (global.get $anchorSquared))
        (f64.mul (f64.mul (f64.const 2) (f64.mul (local.get $rate) (local.get $scale)))
          (f64.promote_f32 (global.get $gradDot))))
      (f64.mul (f64.mul (local.get $rate) (local.get $rate)) (local.get $gradSquared))))
    (local.set $shrink (f32x4.splat (call $projectionScale (local.get $newNorm))))
    (local.set $move (f32x4.splat (f32.demote_f64 (f64.mul (local.get $rate) (local.get $scale)))))
    (local.set $x (local.get $userRow))
    (local.set $u (global.get $userGrad))
    (local.set $end (i32.add (local.get $x) (global.get $rowBytes)))
    (loop $step
      (v128.store (local.get $x) (f32x4.mul (local.get $shrink)
        (f32x4.sub (v128.load (local.get $x)) (f32x4.mul (local.get $move) (v128.load (local.get $u))))))
      (local.set $u (i32.add (local.get $u) (i32.const 16)))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (br_if $step (i32.lt_u (local.get $x) (local.get $end)))))

  ;; The factor that brings a row of squared norm `squared` into the max-norm ball (1: inside, or off).
  (func $projectionScale (param $squared f64) (result f32)
    (if (f64.le (global.get $maxNorm) (f64.const 0)) (then (return (f32.const 1))))
    (if (f64.le (local.get $squared) (f64.mul (global.get $maxNorm) (global.get $maxNorm)))
      (then (return (f32.const 1))))
    (f32.demote_f64 (f64.div (global.get $maxNorm) (f64.sqrt (local.get $squared)))))

  ;; A distance used as a divisor: the gradient of ||a - x|| is undefined at a = x.
  (func $atLeastTiny (param $distance f64) (result f64)
    (f64.max (local.get $distance) (f64.const 1e-12)))

  ;; Item row `item` takes the gradient g = c (a - x) (+ l2 x): a row-Adagrad step and the max-norm
  ;; projection; userGrad += -c (a - x), from the row as it was.
  (func $applyItem (param $anchor i32) (param $item i32) (param $c f64)
    (local $x i32) (local $a i32) (local $u i32) (local $end i32) (local $cv v128) (local $l2v v128)
    (local $d v128) (local $g v128) (local $xv v128) (local $squares v128) (local $state i32)
    (local $rate v128)
    (local.set $x (call $row (global.get $items) (local.get $item)))
    (local.set $cv (f32x4.splat (f32.demote_f64 (local.get $c))))
    (local.set $l2v (f32x4.splat (global.get $l2)))
    (local.set $a (local.get $anchor))
    (local.set $u (global.get $userGrad))
    (local.set $end (i32.add (local.get $x) (global.get $rowBytes)))
    (loop $gradient
      (local.set $xv (v128.load (local.get $x)))
      (local.set $d (f32x4.sub (v128.load (local.get $a)) (local.get $xv)))
      (local.set $g (f32x4.add (f32x4.mul (local.get $cv) (local.get $d))
        (f32x4.mul (local.get $l2v) (local.get $xv))))
      (local.set $squares (f32x4.add (local.get $squares) (f32x4.mul (local.get $g) (local.get $g))))
      (v128.store (local.get $u)
        (f32x4.sub (v128.load (local.get $u)) (f32x4.mul (local.get $cv) (local.get $d))))
      (local.set $a (i32.add (local.get $a) (i32.const 16)))
      (local.set $u (i32.add (local.get $u) (i32.const 16)))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (br_if $gradient (i32.lt_u (local.get $x) (local.get $end))))
    (local.set $state (i32.add (global.get $itemState) (i32.shl (local.get $item) (i32.const 2))))
    (local.set $rate (f32x4.splat (call $adagradRate (local.get $state) (call $lanes (local.get $squares)))))
    (local.set $x (i32.sub (local.get $x) (global.get $rowBytes)))
    (local.set $a (local.get $anchor))
    (local.set $squares (v128.const i32x4 0 0 0 0))
    (loop $step
      (local.set $xv (v128.load (local.get $x)))
      (local.set $d (f32x4.sub (v128.load (local.get $a)) (local.get $xv)))
      (local.set $g (f32x4.add (f32x4.mul (local.get $cv) (local.get $d))
        (f32x4.mul (local.get $l2v) (local.get $xv))))
      (local.set $xv (f32x4.sub (local.get $xv) (f32x4.mul (local.get $rate) (local.get $g))))
      (v128.store (local.get $x) (local.get $xv))
      (local.set $squares (f32x4.add (local.get $squares) (f32x4.mul (local.get $xv) (local.get $xv))))
      (local.set $a (i32.add (local.get $a) (i32.const 16)))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (br_if $step (i32.lt_u (local.get $x) (local.get $end))))
    (call $project (i32.sub (local.get $end) (global.get $rowBytes)) (call $lanes (local.get $squares))))

  ;; The user row takes userGradScale · userGrad (+ l2 u): a row-Adagrad step and the projection.
  (func $applyUser (param $userRow i32) (param $user i32)
    (local $x i32) (local $u i32) (local $end i32) (local $scale v128) (local $l2v v128) (local $g v128)
    (local $xv v128) (local $squares v128) (local $rate v128)
    (local.set $scale (f32x4.splat (global.get $userGradScale)))
    (local.set $l2v (f32x4.splat (global.get $l2)))
    (local.set $x (local.get $userRow))
    (local.set $u (global.get $userGrad))
    (local.set $end (i32.add (local.get $x) (global.get $rowBytes)))
    (loop $gradient
      (local.set $g (f32x4.add (f32x4.mul (local.get $scale) (v128.load (local.get $u)))
        (f32x4.mul (local.get $l2v) (v128.load (local.get $x)))))
      (local.set $squares (f32x4.add (local.get $squares) (f32x4.mul (local.get $g) (local.get $g))))
      (local.set $u (i32.add (local.get $u) (i32.const 16)))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (br_if $gradient (i32.lt_u (local.get $x) (local.get $end))))
    (local.set $rate (f32x4.splat (call $adagradRate
      (i32.add (global.get $userState) (i32.shl (local.get $user) (i32.const 2)))
      (call $lanes (local.get $squares)))))
    (local.set $x (local.get $userRow))
    (local.set $u (global.get $userGrad))
    (local.set $squares (v128.const i32x4 0 0 0 0))
    (loop $step
      (local.set $xv (v128.load (local.get $x)))
      (local.set $g (f32x4.add (f32x4.mul (local.get $scale) (v128.load (local.get $u)))
        (f32x4.mul (local.get $l2v) (local.get $xv))))
      (local.set $xv (f32x4.sub (local.get $xv) (f32x4.mul (local.get $rate) (local.get $g))))
      (v128.store (local.get $x) (local.get $xv))
      (local.set $squares (f32x4.add (local.get $squares) (f32x4.mul (local.get $xv) (local.get $xv))))
      (local.set $u (i32.add (local.get $u) (i32.const 16)))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (br_if $step (i32.lt_u (local.get $x) (local.get $end))))
    (call $project (local.get $userRow) (call $lanes (local.get $squares))))

  ;; Row-Adagrad: the row's accumulator (at `state`) adds the mean squared gradient; returns the step size
  ;; learningRate / (sqrt(accumulator) + epsilon).
  (func $adagradRate (param $state i32) (param $squares f32) (result f32)
    (local $sum f64)
    (local.set $sum (f64.add (f64.promote_f32 (f32.load (local.get $state)))
      (f64.div (f64.promote_f32 (local.get $squares)) (f64.convert_i32_u (global.get $dim)))))
    (f32.store (local.get $state) (f32.demote_f64 (local.get $sum)))
    (f32.demote_f64 (f64.div (global.get $learningRate)
      (f64.add (f64.sqrt (local.get $sum)) (global.get $epsilon)))))

  ;; Scales the row at `row` (squared norm `squares`) into the ball of radius maxNorm (0 = no projection).
  (func $project (param $row i32) (param $squares f32)
    (local $norm f64) (local $scale v128) (local $end i32)
    (if (f64.le (global.get $maxNorm) (f64.const 0)) (then (return)))
    (local.set $norm (f64.promote_f32 (local.get $squares)))
    (if (f64.le (local.get $norm) (f64.mul (global.get $maxNorm) (global.get $maxNorm))) (then (return)))
    (local.set $scale (f32x4.splat (f32.demote_f64
      (f64.div (global.get $maxNorm) (f64.sqrt (local.get $norm))))))
    (local.set $end (i32.add (local.get $row) (global.get $rowBytes)))
    (loop $shrink
      (v128.store (local.get $row) (f32x4.mul (v128.load (local.get $row)) (local.get $scale)))
      (local.set $row (i32.add (local.get $row) (i32.const 16)))
      (br_if $shrink (i32.lt_u (local.get $row) (local.get $end)))))

  ;; The sum of the 4 lanes of an accumulator.
  (func $lanes (param $s v128) (result f32)
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $s)) (f32x4.extract_lane 1 (local.get $s)))
      (f32.add (f32x4.extract_lane 2 (local.get $s)) (f32x4.extract_lane 3 (local.get $s))))))
